import { useQuery } from "@tanstack/react-query";
import type { FormEvent } from "react";
import type { ApiToken, User } from "../../contract/people.js";
import { CopyOnce } from "../components/copy-once.js";
import { fieldErrors, FormError } from "../components/form-error.js";
import { RelativeTime } from "../components/relative-time.js";
import { TextField } from "../components/text-field.js";
import { formText } from "../lib/form-text.js";
import { tokensOptions, useCreateToken, useRevokeToken } from "./api.js";

export function CreateTokenForm() {
  const create = useCreateToken();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    create.mutate(
      { name: formText(new FormData(form), "name") },
      { onSuccess: () => form.reset() },
    );
  }
  return (
    <form aria-labelledby="new-token-heading" onSubmit={submit}>
      <h2 id="new-token-heading">New token</h2>
      <TextField
        label="Token name"
        name="name"
        required
        hint="What it is for, e.g. “Nightly export script”."
        errors={fieldErrors(create.error).name}
      />
      <FormError error={create.error} action="Could not create the token" />
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create token"}
      </button>
      {create.data && (
        <CopyOnce
          label={`Secret of “${create.data.name}”`}
          value={create.data.token}
          warning="Copy it now: it is stored hashed and can never be shown again. Anyone holding it acts as you."
        />
      )}
    </form>
  );
}

/** The caller's tokens; an admin sees (and may revoke) everyone's. */
export function TokenList({ me }: { me: User }) {
  const tokens = useQuery(tokensOptions);
  const everyone = me.role === "admin";
  if (tokens.isPending)
    return (
      <p role="status" className="muted">
        Loading tokens…
      </p>
    );
  if (tokens.isError)
    return (
      <p role="alert" className="error">
        Could not load tokens: {tokens.error.message}
      </p>
    );
  if (tokens.data.length === 0)
    return (
      <p role="status" className="muted">
        No tokens yet.
      </p>
    );
  return (
    <div className="table-scroll">
      <table className="stack-table">
        <caption className="visually-hidden">API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            {everyone && <th scope="col">Owner</th>}
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {tokens.data.map((token) => (
            <TokenRow key={token.id} token={token} showOwner={everyone} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TokenRow({
  token,
  showOwner,
}: {
  token: ApiToken;
  showOwner: boolean;
}) {
  const revoke = useRevokeToken();
  return (
    <tr className={token.revoked_at ? "disabled-row" : undefined}>
      <th scope="row">{token.name}</th>
      {showOwner && <td data-label="Owner">{token.owner.name}</td>}
      <td data-label="Created">
        <RelativeTime iso={token.created_at} />
      </td>
      <td data-label="Last used">
        {token.last_used_at ? (
          <RelativeTime iso={token.last_used_at} />
        ) : (
          "Never"
        )}
      </td>
      <td data-label="Status">
        {token.revoked_at ? (
          <>
            Revoked <RelativeTime iso={token.revoked_at} />
          </>
        ) : (
          <span className="row-status">
            Active
            <button
              type="button"
              aria-label={`Revoke ${token.name}`}
              disabled={revoke.isPending}
              onClick={() => revoke.mutate(token.id)}
            >
              Revoke
            </button>
          </span>
        )}
        {revoke.isError && (
          <p role="alert" className="error">
            Not revoked: {revoke.error.message}
          </p>
        )}
      </td>
    </tr>
  );
}
