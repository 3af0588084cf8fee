import { useQuery } from "@tanstack/react-query";
import type { TicketEvent } from "../../contract/events.js";
import { RelativeTime } from "../components/relative-time.js";
import { ticketEventsOptions } from "./api.js";
import { categoryLabels, priorityLabels, statusLabels } from "./labels.js";

/** Who changed what and when, oldest first. */
export function TicketHistory({ id }: { id: number }) {
  const events = useQuery(ticketEventsOptions(id));
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {events.isPending && (
        <p role="status" className="muted">
          Loading history…
        </p>
      )}
      {events.isError && (
        <p role="alert" className="error">
          Could not load the history: {events.error.message}
        </p>
      )}
      {events.data && (
        <ol className="history" aria-label="History">
          {events.data.map((event) => (
            <li key={event.id}>
              <span>
                <strong>{actorOf(event.actor)}</strong> {describe(event)}
              </span>{" "}
              <span className="muted">
                <RelativeTime iso={event.at} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function actorOf(actor: TicketEvent["actor"]): string {
  if (actor.kind === "ai")
    return `AI triage${actor.name ? ` (${actor.name})` : ""}`;
  if (actor.kind === "system") return "The desk";
  return actor.name ?? "Someone";
}

const VALUE_LABELS: Record<string, Record<string, string>> = {
  category: categoryLabels,
  priority: priorityLabels,
  status: statusLabels,
};

function describe(event: TicketEvent): string {
  if (event.kind === "created") return "created the ticket";
  if (event.kind === "message")
    return event.internal ? "added an internal note" : "wrote a message";
  if (event.kind === "assigned")
    return event.to
      ? `assigned it to ${event.to}`
      : `unassigned ${event.from ?? "it"}`;
  const field = event.field ?? "a field";
  const labels = VALUE_LABELS[field];
  if (!labels) return `changed the ${field}`;
  const label = (value?: string | null) =>
    (value && labels[value]) ?? value ?? "nothing";
  return `changed ${field} from ${label(event.from)} to ${label(event.to)}`;
}
