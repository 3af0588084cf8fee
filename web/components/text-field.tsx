import { useId, type InputHTMLAttributes } from "react";

type Props = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  /** The server's messages for this field. */
  errors?: string[];
  hint?: string;
};

/** A labelled input with its hint and its errors tied to it for assistive technology. */
export function TextField({ label, errors, hint, ...input }: Props) {
  const id = useId();
  const described = [hint && `${id}-hint`, errors?.length && `${id}-error`]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={Boolean(errors?.length)}
        aria-describedby={described || undefined}
        {...input}
      />
      {hint && (
        <p id={`${id}-hint`} className="muted field-hint">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="field-error">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
