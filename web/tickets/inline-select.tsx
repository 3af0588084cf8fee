import { useId, useRef, useState } from "react";

/** Keys that move a closed select's value without meaning "this one". */
const BROWSING = /^(Arrow|Home$|End$|Page|.$)/;

/**
 * A select that saves only a deliberate choice: a pick with the mouse or a finger saves at once;
 * arrowing or typing through the options only previews, and Enter or leaving the field saves
 * (Escape puts the saved value back). A closed select fires `change` on every arrow key, which
 * used to save each value passed on the way.
 */
export function InlineSelect(props: {
  label: string;
  ticketId: number;
  options: readonly (readonly [string, string])[];
  value: string;
  onChange: (value: string) => void;
}) {
  const [pending, setPending] = useState<string | null>(null);
  const browsing = useRef(false);
  const hintId = useId();
  const save = () => {
    if (pending !== null && pending !== props.value) props.onChange(pending);
    setPending(null);
  };
  return (
    <label className="inline-select">
      <span className="visually-hidden">
        {props.label} of ticket #{props.ticketId}
      </span>
      <span aria-hidden="true" className="muted">
        {props.label}
      </span>
      <select
        value={pending ?? props.value}
        aria-describedby={pending === null ? undefined : hintId}
        onKeyDown={(e) => {
          browsing.current = BROWSING.test(e.key) && !e.altKey;
          if (e.key === "Enter") save();
          if (e.key === "Escape" && pending !== null) {
            e.stopPropagation();
            setPending(null);
          }
        }}
        onChange={(e) => {
          const value = e.target.value;
          if (browsing.current) setPending(value);
          else if (value !== props.value) props.onChange(value);
          browsing.current = false;
        }}
        onBlur={save}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {pending !== null && (
        <span id={hintId} className="muted pending-hint">
          Enter saves, Esc undoes
        </span>
      )}
    </label>
  );
}
