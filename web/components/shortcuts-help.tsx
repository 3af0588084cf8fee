import { useRef } from "react";
import { useShortcuts } from "../lib/shortcuts.js";

const SHORTCUTS: [keys: string[], what: string][] = [
  [["j"], "Next ticket in the list"],
  [["k"], "Previous ticket in the list"],
  [["Enter"], "Open the ticket"],
  [["r"], "Reply (opens the ticket first, from the list)"],
  [["/"], "Search"],
  [["n"], "New ticket (agents)"],
  [["Esc"], "Leave a field; on a ticket, back to the list"],
  [["Ctrl", "Enter"], "Send the reply or the new ticket"],
  [["?"], "This list"],
];

/** `?` shows the keyboard shortcuts (a modal dialog: Esc or the button closes it). */
export function ShortcutsHelp() {
  const dialog = useRef<HTMLDialogElement>(null);
  const open = () => dialog.current?.showModal();
  useShortcuts({ "?": open });
  return (
    <>
      <button
        type="button"
        className="link shortcuts-button"
        aria-keyshortcuts="?"
        onClick={open}
      >
        Shortcuts <kbd aria-hidden="true">?</kbd>
      </button>
      <dialog
        ref={dialog}
        className="shortcuts"
        aria-labelledby="shortcuts-heading"
      >
        <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
        <p className="muted">Not while typing in a field.</p>
        <dl>
          {SHORTCUTS.map(([keys, what]) => (
            <div key={what}>
              <dt>
                {keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && " + "}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog">
          <button type="submit" autoFocus>
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}
