import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Classifier } from "../../classify/classifier.js";
import { createLocalClassifier } from "../../classify/local-classifier.js";
import { createTriage } from "../../classify/triage.js";
import { deliverInbound, rawMail } from "../../test/mail-builder.js";
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
    const raw = await rawMail({ from: "kim@customer.test", subject, text });
    const { ticket_id } = await deliverInbound(ctx, TOKEN, raw);
    expect(ticket_id).not.toBeNull();
    return (await ctx.as("agent")({ url: `/api/tickets/${ticket_id}` })).json();
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
