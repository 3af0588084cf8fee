import type { FormEvent } from "react";
import { PASSWORD_MIN, type Signup } from "../../contract/people.js";
import { fieldErrors, FormError } from "../components/form-error.js";
import { TextField } from "../components/text-field.js";
import { formText } from "../lib/form-text.js";

/** Name, email and a new password: sign-up and the first admin's setup. */
export function AccountForm(props: {
  label: string;
  submitLabel: string;
  pending: boolean;
  error: Error | null;
  onSubmit: (account: Signup) => void;
}) {
  const fields = fieldErrors(props.error);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    props.onSubmit({
      name: formText(data, "name"),
      email: formText(data, "email"),
      password: formText(data, "password"),
    });
  }
  return (
    <form aria-label={props.label} onSubmit={submit}>
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        required
        errors={fields.name}
      />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        errors={fields.email}
      />
      <NewPassword errors={fields.password} />
      <FormError error={props.error} action="Could not create the account" />
      <button type="submit" className="primary" disabled={props.pending}>
        {props.pending ? "Creating…" : props.submitLabel}
      </button>
    </form>
  );
}

export function NewPassword({ errors }: { errors?: string[] }) {
  return (
    <TextField
      label="Password"
      name="password"
      type="password"
      autoComplete="new-password"
      minLength={PASSWORD_MIN}
      required
      hint={`At least ${PASSWORD_MIN} characters.`}
      errors={errors}
    />
  );
}
