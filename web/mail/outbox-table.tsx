import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { RelativeTime } from "../components/relative-time.js";
import { outboxOptions, useRetryMail } from "./api.js";

/** Mail the desk gave up on, newest first, each with its reason and a button to try it again. */
export function OutboxTable() {
  const query = useQuery(outboxOptions("failed"));
  const retry = useRetryMail();
  return (
    <section aria-labelledby="failed-mail-heading">
      <h2 id="failed-mail-heading">Failed mail</h2>
      {query.isPending && (
        <p role="status" className="muted">
          Loading…
        </p>
      )}
      {query.isError && (
        <p role="alert" className="error">
          Could not load the failed mail: {query.error.message}
        </p>
      )}
      {query.data?.length === 0 && <p>No mail has failed.</p>}
      {query.data && query.data.length > 0 && (
        <table className="outbox-table">
          <thead>
            <tr>
              <th scope="col">Ticket</th>
              <th scope="col">To</th>
              <th scope="col">What</th>
              <th scope="col">Written</th>
              <th scope="col">Tries</th>
              <th scope="col">Last error</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {query.data.map((mail) => (
              <tr key={mail.id}>
                <td>
                  <Link to="/tickets/$id" params={{ id: mail.ticket_id }}>
                    #{mail.ticket_id}
                  </Link>
                </td>
                <td>{mail.to.email}</td>
                <td>{mail.kind}</td>
                <td>
                  <RelativeTime iso={mail.created_at} />
                </td>
                <td>{mail.attempts}</td>
                <td className="outbox-error">{mail.error}</td>
                <td>
                  <button
                    type="button"
                    disabled={retry.isPending}
                    onClick={() => retry.mutate(mail.id)}
                  >
                    Try again
                    <span className="visually-hidden">
                      {" "}
                      (mail to {mail.to.email} on ticket #{mail.ticket_id})
                    </span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {retry.isError && (
        <p role="alert" className="error">
          Could not retry: {retry.error.message}
        </p>
      )}
    </section>
  );
}
