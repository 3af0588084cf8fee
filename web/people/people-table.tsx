import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Role, User, UserQuery } from "../../contract/people.js";
import { EnumOptions } from "../components/enum-options.js";
import { useUpdateUser, usersOptions } from "./api.js";
import { roleLabels } from "./labels.js";

/** Everyone the caller may see; an admin changes roles and disables or enables people here. */
export function PeopleTable({ me }: { me: User }) {
  const [query, setQuery] = useState<UserQuery>({});
  const people = useQuery(usersOptions(query));
  const admin = me.role === "admin";
  return (
    <>
      <form
        className="filters"
        role="search"
        aria-label="People"
        onSubmit={(e) => e.preventDefault()}
      >
        <label className="filter filter-search">
          <span>Search people</span>
          <input
            type="search"
            value={query.search ?? ""}
            placeholder="Name or email"
            onChange={(e) =>
              setQuery({ ...query, search: e.target.value || undefined })
            }
          />
        </label>
        <label className="filter">
          <span>Role</span>
          <select
            value={query.role ?? ""}
            onChange={(e) =>
              setQuery({
                ...query,
                role: (e.target.value || undefined) as Role | undefined,
              })
            }
          >
            <option value="">All</option>
            <EnumOptions labels={roleLabels} />
          </select>
        </label>
      </form>
      {people.isPending && (
        <p role="status" className="muted">
          Loading people…
        </p>
      )}
      {people.isError && (
        <p role="alert" className="error">
          Could not load people: {people.error.message}
        </p>
      )}
      {people.data && (
        <div className="table-scroll">
          <table className="stack-table">
            <caption className="visually-hidden">People</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {people.data.map((person) => (
                <PersonRow
                  key={person.id}
                  person={person}
                  editable={admin && person.id !== me.id}
                />
              ))}
            </tbody>
          </table>
          {people.data.length === 0 && (
            <p role="status" className="muted">
              Nobody matches.
            </p>
          )}
        </div>
      )}
    </>
  );
}

function PersonRow({ person, editable }: { person: User; editable: boolean }) {
  const update = useUpdateUser(person.id);
  return (
    <tr className={person.disabled ? "disabled-row" : undefined}>
      <th scope="row">{person.name}</th>
      <td className="email">{person.email}</td>
      <td data-label="Role">
        {editable ? (
          <select
            aria-label={`Role of ${person.name}`}
            value={person.role}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ role: e.target.value as Role })}
          >
            <EnumOptions labels={roleLabels} />
          </select>
        ) : (
          roleLabels[person.role]
        )}
      </td>
      <td data-label="Status">
        <span className="row-status">
          {person.disabled ? "Disabled" : "Active"}
          {editable && (
            <button
              type="button"
              disabled={update.isPending}
              aria-label={`${person.disabled ? "Enable" : "Disable"} ${person.name}`}
              onClick={() => update.mutate({ disabled: !person.disabled })}
            >
              {person.disabled ? "Enable" : "Disable"}
            </button>
          )}
        </span>
        {update.isError && (
          <p role="alert" className="error">
            Not saved: {update.error.message}
          </p>
        )}
      </td>
    </tr>
  );
}
