import { useId, useState, type FormEvent, type ReactNode } from "react";
import {
  TITLE_MAX,
  type Category,
  type Priority,
} from "../../contract/tickets.js";
import type { ClassifyResponse } from "../../contract/classify.js";
import { ApiError } from "../lib/api-client.js";
import { useCreateTicket } from "./api.js";
import { EnumOptions } from "../components/enum-options.js";
import { categoryLabels, priorityLabels } from "./labels.js";
import { likelihood, sourceWords } from "./suggestion-words.js";
import {
  useClassifySuggestion,
  type SuggestionState,
} from "./use-classify-suggestion.js";

/**
 * Who chose a select's value: a suggestion may fill it only until the person picks one by hand.
 * A suggested value carries how likely it is, in words.
 */
type Choice<T> = {
  value: T | "";
  source: "none" | "suggested" | "manual";
  likely?: string;
};
const empty = { value: "", source: "none" } as const;

export function TicketForm({ meId }: { meId?: number }) {
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [category, setCategory] = useState<Choice<Category>>(empty);
  const [priority, setPriority] = useState<Choice<Priority>>(empty);
  const create = useCreateTicket(meId);

  const suggestion = useClassifySuggestion(title, description, (value) => {
    setCategory((c) =>
      suggest(c, value.suggested_category, value.confidence.category),
    );
    setPriority((p) =>
      suggest(p, value.suggested_priority, value.confidence.priority),
    );
  });

  const fields = create.error instanceof ApiError ? create.error.fields : {};
  // A pasted title is kept whole and the excess named, rather than cut silently by maxLength.
  const titleOver = title.length - TITLE_MAX;
  const titleErrors =
    titleOver > 0
      ? [
          `The title is ${titleOver} ${titleOver === 1 ? "character" : "characters"} too long: at most ${TITLE_MAX}.`,
        ]
      : fields.title;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!category.value || !priority.value || titleOver > 0) return;
    create.mutate(
      {
        title,
        description,
        category: category.value,
        priority: priority.value,
        // The suggestion shown, so that its quality is measured (GET /api/triage/quality).
        ...(suggestion.status === "ready" && {
          suggestion_id: suggestion.value.suggestion_id,
        }),
      },
      {
        onSuccess: () => {
          setTitle("");
          setDescription("");
          setCategory(empty);
          setPriority(empty);
        },
      },
    );
  }

  return (
    <form
      className="ticket-form"
      onSubmit={submit}
      aria-labelledby="new-ticket-heading"
    >
      <h2 id="new-ticket-heading">New ticket</h2>
      <Field
        label="Title"
        errors={titleErrors}
        hint={`${title.length}/${TITLE_MAX}`}
      >
        {(props) => (
          <input
            {...props}
            value={title}
            required
            autoComplete="off"
            onChange={(e) => setTitle(e.target.value)}
          />
        )}
      </Field>
      <Field
        label="Description"
        errors={fields.description}
        hint="Ctrl+Enter sends"
      >
        {(props) => (
          <textarea
            {...props}
            value={description}
            rows={5}
            required
            onChange={(e) => setDescription(e.target.value)}
            onKeyDown={(e) => {
              // Ctrl+Enter (⌘+Enter on a Mac) sends the form from the description, as in mail clients.
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey))
                e.currentTarget.form?.requestSubmit();
            }}
          />
        )}
      </Field>
      <div className="form-row">
        <ChoiceField
          label="Category"
          labels={categoryLabels}
          choice={category}
          onChange={setCategory}
          suggestion={suggestion}
          errors={fields.category}
        />
        <ChoiceField
          label="Priority"
          labels={priorityLabels}
          choice={priority}
          onChange={setPriority}
          suggestion={suggestion}
          errors={fields.priority}
        />
      </div>
      <SuggestionStatus suggestion={suggestion} />
      {create.error && !Object.keys(fields).length && (
        <p role="alert" className="error">
          Could not create the ticket: {create.error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Submitting…" : "Submit ticket"}
        </button>
        <p role="status" className="muted">
          {create.isSuccess && `Ticket #${create.data.id} created.`}
        </p>
      </div>
    </form>
  );
}

/** Fills only a confident suggestion, never over a value picked by hand; an unsure one clears an earlier suggestion. */
function suggest<T extends string>(
  choice: Choice<T>,
  value: T,
  confidence: number,
): Choice<T> {
  if (choice.source === "manual") return choice;
  const likely = likelihood(confidence);
  return likely ? { value, source: "suggested", likely } : empty;
}

type ControlProps = {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby"?: string;
};

function Field({
  label,
  errors,
  hint,
  badge,
  children,
}: {
  label: string;
  errors?: string[];
  hint?: string;
  badge?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  const id = useId();
  const described = [hint && `${id}-hint`, errors?.length && `${id}-error`]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {badge && <span className="suggested-tag">{badge}</span>}
        {hint && (
          <span id={`${id}-hint`} className="muted counter">
            {hint}
          </span>
        )}
      </div>
      {children({
        id,
        "aria-invalid": Boolean(errors?.length),
        "aria-describedby": described || undefined,
      })}
      {errors?.length ? (
        <p id={`${id}-error`} className="field-error">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

function ChoiceField<T extends string>(props: {
  label: string;
  labels: Record<T, string>;
  choice: Choice<T>;
  onChange: (choice: Choice<T>) => void;
  suggestion: SuggestionState;
  errors?: string[];
}) {
  const { choice, suggestion } = props;
  const badge =
    choice.source === "manual"
      ? undefined
      : suggestion.status === "loading"
        ? "Suggesting…"
        : choice.source === "suggested"
          ? `Suggested — ${choice.likely}`
          : undefined;
  return (
    <Field label={props.label} errors={props.errors} badge={badge}>
      {(control) => (
        <select
          {...control}
          required
          className={choice.source === "suggested" ? "suggested" : undefined}
          value={choice.value}
          onChange={(e) => {
            const value = e.target.value as T | "";
            props.onChange({ value, source: value ? "manual" : "none" });
          }}
        >
          <option value="">Choose…</option>
          <EnumOptions labels={props.labels} />
        </select>
      )}
    </Field>
  );
}

function SuggestionStatus({ suggestion }: { suggestion: SuggestionState }) {
  let text = "";
  if (suggestion.status === "loading") text = "Looking for a suggestion…";
  if (suggestion.status === "ready") text = describe(suggestion.value);
  if (suggestion.status === "unavailable") text = suggestion.message;
  return (
    <p role="status" aria-live="polite" className="muted suggestion-status">
      {text}
    </p>
  );
}

/** "Suggested by this desk's own model: Billing (very likely), high priority (likely)." */
function describe(value: ClassifyResponse): string {
  const category = likelihood(value.confidence.category);
  const priority = likelihood(value.confidence.priority);
  const parts = [
    category && `${categoryLabels[value.suggested_category]} (${category})`,
    priority &&
      `${priorityLabels[value.suggested_priority].toLowerCase()} priority (${priority})`,
  ].filter(Boolean);
  if (!parts.length)
    return "No confident suggestion for this text; choose category and priority yourself.";
  const unsure =
    parts.length === 1
      ? ` Not sure of the ${category ? "priority" : "category"}.`
      : "";
  return `Suggested by ${sourceWords[value.source]}: ${parts.join(", ")}.${unsure}`;
}
