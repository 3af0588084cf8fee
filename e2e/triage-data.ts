import type { ClassifyResponse } from "../contract/classify.js";
import type { Category, Priority } from "../contract/tickets.js";
import { goodAnswer } from "../server/test/fake-llm.js";
import type { startE2eApp } from "./support.js";
import { asAdmin, uniqueWord } from "./test-data.js";

type Desk = Awaited<ReturnType<typeof startE2eApp>>;

// [suggested, final] per field: mostly right, with the usual mistakes (general, medium vs high).
const TICKETS: [Category, Category, Priority, Priority][] = [
  ["billing", "billing", "high", "high"],
  ["billing", "billing", "medium", "medium"],
  ["billing", "account", "medium", "medium"],
  ["technical", "technical", "high", "high"],
  ["technical", "technical", "medium", "high"],
  ["technical", "technical", "critical", "critical"],
  ["technical", "general", "low", "low"],
  ["account", "account", "high", "high"],
  ["account", "account", "medium", "low"],
  ["general", "general", "low", "low"],
  ["general", "billing", "medium", "medium"],
  ["billing", "billing", "low", "low"],
];

/**
 * Tickets created from suggestions of the (scripted) language model, some corrected at creation,
 * so that the agents' suggestion-quality panel has something to show.
 */
export async function seedSuggestedTickets(desk: Desk) {
  for (const [suggested, category, suggestedPriority, priority] of TICKETS) {
    desk.llm.script(goodAnswer(suggested, suggestedPriority));
    const description = `Suggested-ticket test ${uniqueWord("q")}: please have a look.`;
    const suggestion = await asAdmin<ClassifyResponse>(
      desk,
      "POST",
      "/api/tickets/classify",
      { description },
      200,
    );
    await asAdmin(desk, "POST", "/api/tickets", {
      title: `About ${category}`,
      description,
      category,
      priority,
      suggestion_id: suggestion.suggestion_id,
    });
  }
}
