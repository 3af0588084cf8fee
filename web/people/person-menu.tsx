import { Link } from "@tanstack/react-router";
import { useEffect, useId, useRef, useState } from "react";
import type { User } from "../../contract/people.js";
import { useLogout } from "./api.js";
import { roleLabels } from "./labels.js";

/** The signed-in person: who they are, their links and sign-out, behind one disclosure button. */
export function PersonMenu({
  me,
  onSignedOut,
}: {
  me: User;
  onSignedOut: () => void;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const logout = useLogout();

  // Escape or a click elsewhere closes it, as people expect of a menu.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) =>
      root.current?.contains(e.target as Node) || setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", onClick);
    };
  }, [open]);

  return (
    <div className="person-menu" ref={root}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        <span className="person-name">{me.name}</span>{" "}
        <span className="muted person-role">({roleLabels[me.role]})</span>
      </button>
      <div id={id} className="person-panel" hidden={!open}>
        <p>
          <strong>{me.name}</strong>
          <br />
          <span className="muted">{me.email}</span>
          <br />
          <span className="muted">Signed in as {roleLabels[me.role]}</span>
        </p>
        <ul>
          <li>
            <Link to="/tokens" onClick={() => setOpen(false)}>
              API tokens
            </Link>
          </li>
          {me.role !== "requester" && (
            <li>
              <Link to="/people" onClick={() => setOpen(false)}>
                People
              </Link>
            </li>
          )}
          {me.role === "admin" && (
            <li>
              <Link to="/mail" onClick={() => setOpen(false)}>
                Mail
              </Link>
            </li>
          )}
        </ul>
        <button
          type="button"
          disabled={logout.isPending}
          onClick={() => logout.mutate(undefined, { onSuccess: onSignedOut })}
        >
          Sign out
        </button>
        {logout.isError && (
          <p role="alert" className="error">
            Could not sign out: {logout.error.message}
          </p>
        )}
      </div>
    </div>
  );
}
