import { useQuery } from "@tanstack/react-query";
import { RelativeTime } from "../components/relative-time.js";
import { ticketMailOptions } from "./api.js";

/**
 * Mail a machine wrote on this ticket (out-of-office replies, bounces, lists, our own mail coming
 * back): kept for the agents to see, never answered and never reopening the ticket. Nothing when none.
 */
export function AutomaticMail({ ticketId }: { ticketId: number }) {
  const { data } = useQuery(ticketMailOptions(ticketId));
  if (!data || data.automatic.length === 0) return null;
  return (
    <section aria-labelledby="automatic-mail-heading">
      <h2 id="automatic-mail-heading">Automatic mail</h2>
      <p className="muted">
        Kept here; never answered, never reopens the ticket.
      </p>
      <ul className="automatic-mail">
        {data.automatic.map((mail) => (
          <li key={mail.id}>
            <strong>{mail.subject || "(no subject)"}</strong>
            <br />
            <span className="muted">
              {mail.from ?? "unknown sender"} · {mail.reason} ·{" "}
              <RelativeTime iso={mail.received_at} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
