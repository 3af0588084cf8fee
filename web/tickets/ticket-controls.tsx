import { useQuery } from "@tanstack/react-query";
import type { Ticket, UpdateTicket } from "../../contract/tickets.js";
import { assigneesOptions } from "./api.js";
import { InlineSelect } from "./inline-select.js";
import { categoryLabels, priorityLabels, statusLabels } from "./labels.js";

/** Who looks at a ticket: agents change every field, requesters only close or reopen their own. */
export type TicketView = "agent" | "requester";

const FIELDS = ["status", "category", "priority"] as const;
const fieldLabels = {
  status: ["Status", statusLabels],
  category: ["Category", categoryLabels],
  priority: ["Priority", priorityLabels],
} as const;

/** The status, category or priority of a ticket, saved on a deliberate choice. */
export function FieldSelect({
  field,
  ticket,
  onChange,
}: {
  field: (typeof FIELDS)[number];
  ticket: Ticket;
  onChange: (patch: UpdateTicket) => void;
}) {
  const [label, labels] = fieldLabels[field];
  return (
    <InlineSelect
      label={label}
      ticketId={ticket.id}
      options={Object.entries(labels)}
      value={ticket[field]}
      onChange={(value) => onChange({ [field]: value })}
    />
  );
}

/** The fields the viewer may change; whoever renders them saves the change and shows its errors. */
export function TicketControls({
  ticket,
  view,
  meId,
  onChange: change,
  busy = false,
}: {
  ticket: Ticket;
  view: TicketView;
  meId: number;
  onChange: (patch: UpdateTicket) => void;
  busy?: boolean;
}) {
  const done = ticket.status === "resolved" || ticket.status === "closed";
  return (
    <div className="ticket-actions">
      {view === "agent" ? (
        <div className="ticket-controls">
          {FIELDS.map((field) => (
            <FieldSelect
              key={field}
              field={field}
              ticket={ticket}
              onChange={change}
            />
          ))}
          <AssigneeSelect
            ticket={ticket}
            meId={meId}
            onChange={(assignee_id) => change({ assignee_id })}
          />
        </div>
      ) : (
        <button
          type="button"
          disabled={busy}
          onClick={() => change({ status: done ? "open" : "closed" })}
        >
          {done ? "Reopen ticket" : "Close ticket"}
        </button>
      )}
    </div>
  );
}

/** Me first, then everyone else who may take tickets; the current assignee even if now disabled. */
export function AssigneeSelect(props: {
  ticket: Ticket;
  meId: number;
  onChange: (id: number | null) => void;
}) {
  const people = useQuery(assigneesOptions()).data ?? [];
  const current = props.ticket.assignee;
  const me = people.find((p) => p.id === props.meId);
  const others = people.filter((p) => p.id !== props.meId);
  if (current && !people.some((p) => p.id === current.id))
    others.push({ ...current, role: "agent", disabled: true, created_at: "" });
  const options: [string, string][] = [
    ["", "Unassigned"],
    ...(me ? [[String(me.id), `Me (${me.name})`] as [string, string]] : []),
    ...others.map((p): [string, string] => [String(p.id), p.name]),
  ];
  return (
    <InlineSelect
      label="Assignee"
      ticketId={props.ticket.id}
      options={options}
      value={current ? String(current.id) : ""}
      onChange={(id) => props.onChange(id ? Number(id) : null)}
    />
  );
}
