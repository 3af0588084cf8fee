import type { Category, Priority } from "../../contract/tickets.js";

/**
 * One kind of ticket: its usual severity, ways people title it and ways they describe it.
 * The last quarter of `bodies` (at least one when there are three or more) is kept for the test
 * file only, so the test set measures phrasings the model never trained on.
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
