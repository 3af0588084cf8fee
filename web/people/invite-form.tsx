import { useState, type FormEvent } from "react";
import type { Role } from "../../contract/people.js";
import { CopyOnce } from "../components/copy-once.js";
import { EnumOptions } from "../components/enum-options.js";
import { fieldErrors, FormError } from "../components/form-error.js";
import { TextField } from "../components/text-field.js";
import { formText } from "../lib/form-text.js";
import { useCreateUser } from "./api.js";
import { roleLabels } from "./labels.js";

/** An admin invites a person; the link that lets them set a password is shown once, to send them. */
export function InviteForm() {
  const create = useCreateUser();
  const [role, setRole] = useState<Role>("agent");
  const fields = fieldErrors(create.error);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    create.mutate(
      { email: formText(data, "email"), name: formText(data, "name"), role },
      { onSuccess: () => form.reset() },
    );
  }
  const invited = create.data;
  return (
    <form aria-labelledby="invite-heading" onSubmit={submit}>
      <h2 id="invite-heading">Invite someone</h2>
      <TextField label="Name" name="name" required errors={fields.name} />
      <TextField
        label="Email"
        name="email"
        type="email"
        required
        errors={fields.email}
      />
      <div className="field">
        <label htmlFor="invite-role" className="field-label">
          Role
        </label>
        <select
          id="invite-role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
        >
          <EnumOptions labels={roleLabels} />
        </select>
      </div>
      <FormError error={create.error} action="Could not invite" />
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? "Inviting…" : "Invite"}
      </button>
      {invited?.invite_url && (
        <CopyOnce
          label={`Invitation link for ${invited.user.name}`}
          value={invited.invite_url}
          warning="Send this link to them: it lets them set a password. It is shown only now and works for 7 days."
        />
      )}
    </form>
  );
}
