import { act, screen, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  fakeApi,
  json,
  makeTicket,
  type FakeRequest,
} from "../test/fake-api.js";
import { renderWithQuery } from "../test/render.js";
import { TicketForm } from "./ticket-form.js";

const CLASSIFY = "POST /api/tickets/classify";
const suggestion =
  (
    category: string,
    priority: string,
    confidence = { category: 0.95, priority: 0.8 },
    source = "local",
  ) =>
  () =>
    json(200, {
      suggested_category: category,
      suggested_priority: priority,
      confidence,
      source,
      suggestion_id: 41,
    });
/** A classify call that never answers, only fails when it is cancelled. */
const hang = (request: FakeRequest) =>
  new Promise<Response>((_, reject) =>
    request.signal?.addEventListener("abort", () =>
      reject(new DOMException("Aborted", "AbortError")),
    ),
  );

const select = (name: string) => screen.getByRole("combobox", { name });

describe("TicketForm suggestions", () => {
  let api: ReturnType<typeof fakeApi>;
  let user: ReturnType<typeof userEvent.setup>;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    api = fakeApi();
    user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderWithQuery(<TicketForm />);
  });
  const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

  it("asks 1 s after the last keystroke, once, and fills both selects as suggestions with their likelihood", async () => {
    api.on(CLASSIFY, suggestion("billing", "high"));
    await user.type(screen.getByLabelText("Title"), "Refund");
    await user.type(screen.getByLabelText("Description"), "Charged twice");
    await wait(999);
    expect(api.calls("POST /api/tickets/classify")).toHaveLength(0);
    await wait(1);
    expect(api.calls(CLASSIFY).map((r) => r.body)).toEqual([
      { title: "Refund", description: "Charged twice" },
    ]);
    await wait(0);
    expect(select("Category")).toHaveValue("billing");
    expect(select("Priority")).toHaveValue("high");
    expect(screen.getByText("Suggested — very likely")).toBeVisible();
    expect(screen.getByText("Suggested — likely")).toBeVisible();
    expect(
      screen.getByText(
        "Suggested by this desk's own model: Billing (very likely), high priority (likely).",
      ),
    ).toBeVisible();

    // The ticket names the suggestion it was made with, so that its quality can be measured.
    api.on("POST /api/tickets", ({ body }) =>
      json(201, makeTicket(body as object)),
    );
    await user.click(screen.getByRole("button", { name: "Submit ticket" }));
    await wait(0);
    expect(api.calls("POST /api/tickets").map((r) => r.body)).toEqual([
      {
        title: "Refund",
        description: "Charged twice",
        category: "billing",
        priority: "high",
        suggestion_id: 41,
      },
    ]);
  });

  it("fills only confident values and says where a suggestion came from", async () => {
    api.on(
      CLASSIFY,
      suggestion(
        "account",
        "medium",
        { category: 0.85, priority: 0.41 },
        "llm",
      ),
    );
    await user.type(screen.getByLabelText("Description"), "Cannot get in");
    await wait(1000);
    expect(select("Category")).toHaveValue("account");
    expect(select("Priority")).toHaveValue("");
    expect(
      screen.getByText(
        "Suggested by the AI model: Account (likely). Not sure of the priority.",
      ),
    ).toBeVisible();

    api.on(
      CLASSIFY,
      suggestion("general", "low", { category: 0.3, priority: 0.35 }),
    );
    await user.type(screen.getByLabelText("Description"), " today");
    await wait(1000);
    expect(select("Category")).toHaveValue("");
    expect(
      screen.getByText(
        "No confident suggestion for this text; choose category and priority yourself.",
      ),
    ).toBeVisible();
    expect(screen.queryByText(/unavailable/)).toBeNull();
  });

  it("cancels the request in flight when the person types on, and asks again", async () => {
    api.on(CLASSIFY, hang);
    const description = screen.getByLabelText("Description");
    await user.type(description, "My invoice");
    await wait(1000);
    const [first] = api.calls(CLASSIFY);
    expect(first?.signal?.aborted).toBe(false);
    expect(screen.getByText("Looking for a suggestion…")).toBeVisible();

    api.on(CLASSIFY, suggestion("billing", "low"));
    await user.type(description, " is wrong");
    expect(first?.signal?.aborted).toBe(true);
    await wait(1000);
    expect(api.calls(CLASSIFY).map((r) => r.body)).toEqual([
      { description: "My invoice" },
      { description: "My invoice is wrong" },
    ]);
    expect(select("Category")).toHaveValue("billing");
  });

  it("never overwrites a value the person picked by hand", async () => {
    api.on(CLASSIFY, suggestion("technical", "critical"));
    await user.selectOptions(select("Priority"), "low");
    await user.type(screen.getByLabelText("Description"), "The app crashes");
    await wait(1000);
    expect(select("Category")).toHaveValue("technical");
    expect(select("Priority")).toHaveValue("low");

    // A suggested value changed by hand is the person's from then on.
    await user.selectOptions(select("Category"), "account");
    api.on(CLASSIFY, suggestion("billing", "high"));
    await user.type(screen.getByLabelText("Description"), " on checkout");
    await wait(1000);
    expect(api.calls(CLASSIFY)).toHaveLength(2);
    expect(select("Category")).toHaveValue("account");
    expect(select("Priority")).toHaveValue("low");
    expect(screen.queryByText(/^Suggested —/)).toBeNull();
  });

  it("says quietly when suggestions are unavailable (TRIAGE=llm without a model) and still submits", async () => {
    api.on(CLASSIFY, () => json(503, { error: "Classifier unavailable" }));
    api.on("POST /api/tickets", ({ body }) =>
      json(201, makeTicket(body as object)),
    );
    await user.type(screen.getByLabelText("Title"), "Printer");
    await user.type(screen.getByLabelText("Description"), "It jams");
    await wait(1000);
    expect(
      screen.getByText(/Suggestions are unavailable right now/),
    ).toBeVisible();
    expect(select("Category")).toHaveValue("");

    await user.selectOptions(select("Category"), "general");
    await user.selectOptions(select("Priority"), "medium");
    // Ctrl+Enter in the description sends the form, as the button does.
    await user.type(
      screen.getByLabelText("Description"),
      "{Control>}{Enter}{/Control}",
    );
    await wait(0);
    expect(api.calls("POST /api/tickets").map((r) => r.body)).toEqual([
      {
        title: "Printer",
        description: "It jams",
        category: "general",
        priority: "medium",
      },
    ]);
    expect(screen.getByLabelText("Title")).toHaveValue("");
    expect(select("Category")).toHaveValue("");
    expect(screen.getByText(/Ticket #\d+ created/)).toBeVisible();
  });
});

describe("TicketForm submission", () => {
  it("shows the server's field errors next to their fields and keeps the input", async () => {
    const api = fakeApi();
    api.on("POST /api/tickets", () =>
      json(400, {
        error: "Invalid request body",
        fields: { title: ["Title must not be blank"] },
      }),
    );
    const user = userEvent.setup();
    renderWithQuery(<TicketForm />);
    const form = screen.getByRole("form", { name: "New ticket" });
    await user.type(within(form).getByLabelText("Title"), "   ");
    await user.type(within(form).getByLabelText("Description"), "Text");
    await user.selectOptions(select("Category"), "general");
    await user.selectOptions(select("Priority"), "low");
    await user.click(screen.getByRole("button", { name: "Submit ticket" }));

    const title = await screen.findByRole("textbox", {
      name: "Title",
      description: /Title must not be blank/,
    });
    expect(title).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Description")).toHaveValue("Text");
  });
});

describe("TicketForm title", () => {
  it("keeps a pasted title over 200 characters whole and says how much is too long", async () => {
    const api = fakeApi();
    const user = userEvent.setup();
    renderWithQuery(<TicketForm />);
    const title = screen.getByLabelText("Title");
    await user.click(title);
    await user.paste("x".repeat(203));
    expect(title).toHaveValue("x".repeat(203));
    expect(title).toHaveAttribute("aria-invalid", "true");
    expect(title).toHaveAccessibleDescription(
      /The title is 3 characters too long: at most 200/,
    );
    await user.type(screen.getByLabelText("Description"), "Text");
    await user.selectOptions(select("Category"), "general");
    await user.selectOptions(select("Priority"), "low");
    await user.click(screen.getByRole("button", { name: "Submit ticket" }));
    expect(api.calls("POST /api/tickets")).toEqual([]);
  });
});
