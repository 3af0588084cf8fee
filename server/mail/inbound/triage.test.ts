import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Classifier } from "../../classify/classifier.js";
import { createLocalClassifier } from "../../classify/local-classifier.js";
import { createTriage } from "../../classify/triage.js";
import { rawMail } from "../../test/mail-builder.js";
import { DB_KINDS, testLogger, useTestApp } from "../../test/helpers.js";

const TOKEN = "inbound-token-for-triage-tests";

describe.each(DB_KINDS)("a ticket opened by mail on %s", (kind) => {
  // The desk's own local model, on the test's database once it exists.
  let triage: Classifier | undefined;
  const classifier: Classifier = {
    classify: (input) => triage!.classify(input),
    state: () => triage!.state(),
    close: () => triage?.close(),
  };
  const ctx = useTestApp(kind, {
    classifier,
    config: {
      mail: {
        baseUrl: "https://desk.test",
        from: { name: "Desk", address: "support@desk.test" },
        inboundToken: TOKEN,
        inboundPollMs: 200,
      },
    },
  });
  beforeAll(() => {
    triage = createTriage({
      mode: "local",
      local: createLocalClassifier({
        db: ctx.database.db,
        log: testLogger,
        retrainEveryMs: 60_000,
      }),
    });
  });
  afterAll(() => triage?.close());

  async function ticketFor(subject: string, text: string) {
    const response = await ctx.as(null)({
      method: "POST",
      url: "/api/inbound/email",
      headers: {
        "content-type": "message/rfc822",
        authorization: `Bearer ${TOKEN}`,
      },
      payload: await rawMail({ from: "kim@customer.test", subject, text }),
    });
    expect(response.statusCode).toBe(200);
    const id = response.json().id;
    let ticketId: number | null = null;
    await expect
      .poll(
        async () => {
          const [row] = await ctx.database.session((s) =>
            s.query<{ ticket_id: number | null }>(
              "SELECT ticket_id FROM inbound_emails WHERE id = $1",
              [id],
            ),
          );
          return (ticketId = row!.ticket_id);
        },
        { timeout: 15_000, interval: 50 },
      )
      .not.toBeNull();
    return (await ctx.as("agent")({ url: `/api/tickets/${ticketId}` })).json();
  }

  it("gets the desk's confident suggestions instead of general and medium", async () => {
    const ticket = await ticketFor(
      "Charged twice for my subscription",
      "My credit card was charged twice this month. Please refund the duplicate payment.",
    );
    expect(ticket.category).toBe("billing");
    const outage = await ticketFor(
      "Production is down",
      "The whole site returns errors for every customer since the last deploy. Nothing works.",
    );
    expect(outage.category).toBe("technical");
    expect(["high", "critical"]).toContain(outage.priority);
  });
});
