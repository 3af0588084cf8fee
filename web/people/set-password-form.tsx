import type { FormEvent } from "react";
import { fieldErrors, FormError } from "../components/form-error.js";
import { useAcceptInvite } from "./api.js";
import { NewPassword } from "./account-form.js";
import { formText } from "../lib/form-text.js";

/** The invited person chooses a password with the token of their invitation link. */
export function SetPasswordForm({
  token,
  onSignedIn,
}: {
  token: string;
  onSignedIn: () => void;
}) {
  const accept = useAcceptInvite();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = formText(new FormData(event.currentTarget), "password");
    accept.mutate({ token, password }, { onSuccess: onSignedIn });
  }
  return (
    <form aria-label="Set your password" onSubmit={submit}>
      <NewPassword errors={fieldErrors(accept.error).password} />
      <FormError error={accept.error} action="Could not set the password" />
      <button type="submit" className="primary" disabled={accept.isPending}>
        {accept.isPending ? "Saving…" : "Set password and sign in"}
      </button>
    </form>
  );
}
