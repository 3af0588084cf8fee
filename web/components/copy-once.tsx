import { useId, useState } from "react";

/**
 * A secret the server shows only once (an API token, an invitation link): selectable text, a copy
 * button and a warning that it cannot be shown again.
 */
export function CopyOnce({
  label,
  value,
  warning,
}: {
  label: string;
  value: string;
  warning: string;
}) {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "failed">();
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => setCopied("yes"),
      () => setCopied("failed"),
    );
  return (
    <div className="copy-once">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="copy-row">
        <input
          id={id}
          readOnly
          value={value}
          aria-describedby={`${id}-warning`}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p id={`${id}-warning`} className="warning">
        {warning}
      </p>
      <p role="status" className="muted">
        {copied === "yes" && "Copied to the clipboard."}
        {copied === "failed" &&
          "Could not copy: select the text and copy it yourself."}
      </p>
    </div>
  );
}
