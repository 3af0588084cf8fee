import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import type { TicketFilters } from "../../contract/tickets.js";
import type { User } from "../../contract/people.js";
import type { Actor } from "../http/route.js";
import { filterWhere } from "./sql.js";

const dialect = new PgDialect();
const actor = (role: User["role"]): Actor => ({
  user: { id: 7, role } as User,
  via: "token",
});

/** Every combination of filters the list and stats take, with varying values. */
function* combinations(): Generator<TicketFilters> {
  for (const category of [undefined, "billing", "technical"] as const)
    for (const priority of [undefined, "low"] as const)
      for (const status of [undefined, "open", "closed"] as const)
        for (const assignee of [undefined, "me", "none", "12"])
          for (const search of [undefined, "login", "#42", "50%"])
            yield { category, priority, status, assignee, search };
}

describe("prepared statement shapes", () => {
  it("name one SQL text each, so a name is never reused for different SQL", () => {
    const textOf = new Map<string, string>();
    for (const role of ["requester", "agent"] as const)
      for (const filters of combinations()) {
        const { shape, where } = filterWhere(filters, actor(role));
        const text = where ? dialect.sqlToQuery(where).sql : "";
        expect(textOf.get(shape) ?? text, shape).toBe(text);
        textOf.set(shape, text);
      }
    // and different SQL texts get different names
    expect(new Set(textOf.values()).size).toBe(textOf.size);
  });

  it("carry the values as parameters, never in the SQL text", () => {
    const { where, values } = filterWhere(
      { category: "billing", assignee: "12", search: "#42" },
      actor("requester"),
    );
    const text = dialect.sqlToQuery(where!).sql;
    expect(text).not.toMatch(/billing|42|12|\b7\b/);
    expect(values).toEqual({
      category: "billing",
      requester: 7,
      assignee: 12,
      pattern: "%#42%",
      number: 42,
    });
  });
});
