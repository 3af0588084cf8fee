import type { Category, Priority } from "../../contract/tickets.js";

/**
 * One kind of ticket: its usual severity, ways people title it and ways they describe it.
 * The last title and body are kept for the test file and the ones before them for validation, so
 * both measure phrasings the model never trained on.
 */
export type Scenario = {
  category: Category;
  severity: Priority;
  titles: string[];
  bodies: string[];
};

export const scenarios = (
  category: Category,
  list: Omit<Scenario, "category">[],
): Scenario[] => list.map((s) => ({ ...s, category }));
