import { Component, type ErrorInfo, type ReactNode } from "react";

type Props = { region: string; children: ReactNode };
type State = { error?: Error };

/** Keeps a failure inside one region of the page; the rest goes on working. A class: React has no hook for this. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`${this.props.region} failed`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="panel-error">
        <p>
          Something went wrong in {this.props.region}. The rest of the page
          still works.
        </p>
        <button
          type="button"
          onClick={() => this.setState({ error: undefined })}
        >
          Try again
        </button>
      </div>
    );
  }
}
