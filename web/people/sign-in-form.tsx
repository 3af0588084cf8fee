import type { FormEvent } from "react";
import { fieldErrors, FormError } from "../components/form-error.js";
import { TextField } from "../components/text-field.js";
import { formText } from "../lib/form-text.js";
import { useLogin } from "./api.js";

export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const login = useLogin();
  const fields = fieldErrors(login.error);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    login.mutate(
      { email: formText(data, "email"), password: formText(data, "password") },
      { onSuccess: onSignedIn },
    );
  }
  return (
    <form aria-label="Sign in" onSubmit={submit}>
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        errors={fields.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={fields.password}
      />
      <FormError error={login.error} action="Could not sign in" />
      <button type="submit" className="primary" disabled={login.isPending}>
        {login.isPending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
