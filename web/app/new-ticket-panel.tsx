import { useId, useState, type ReactNode } from "react";
import { useShortcuts } from "../lib/shortcuts.js";

/**
 * The agents' new-ticket form behind one button (or `n`) beside the list's heading, so that the
 * queue has the page's width and height; it stays open after a ticket is filed, for the next one.
 */
export function NewTicketPanel({
  heading,
  children,
}: {
  heading: ReactNode;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const show = () => {
    setOpen(true);
    // Once the panel is shown, the title field takes the typing.
    requestAnimationFrame(() =>
      document
        .getElementById(id)
        ?.querySelector<HTMLInputElement>("input, textarea")
        ?.focus(),
    );
  };
  useShortcuts({ n: show });
  return (
    <>
      <div className="tickets-head">
        {heading}
        <button
          type="button"
          aria-expanded={open}
          aria-controls={id}
          aria-keyshortcuts="n"
          onClick={() => (open ? setOpen(false) : show())}
        >
          <span aria-hidden="true">{open ? "× " : "+ "}</span>
          New ticket
        </button>
      </div>
      <div id={id} className="new-ticket-panel" hidden={!open}>
        {children}
      </div>
    </>
  );
}
