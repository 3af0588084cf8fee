import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { endpoints } from "../../contract/endpoints.js";
import { ApiErrorBody } from "../../contract/errors.js";
import { DB_KINDS, useTestApp, validTicket } from "../test/helpers.js";

// Every endpoint of the table, except the two that would end the callers' own sign-in midway, and
// the live stream, which never ends (server/live/*.test.ts and the access matrix cover it).
const ENDPOINTS = Object.values(endpoints).filter(
  (e) =>
    !(e.method === "POST" && e.path === "/api/auth/logout") &&
    !(e.method === "DELETE" && e.path === "/api/tokens/:id") &&
    !("stream" in e),
);
const CALLERS = ["agent", "admin", "requester", null] as const;

const RUNS_PER_DATABASE = 300;

// Strings that broke servers before: controls, lone surrogates, invisible characters, SQL and JSON syntax.
const nasty = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom(
    "\u0000",
    "\u0085",
    "\u200b",
    "\ufeff",
    "\ud800",
    "a\udc00b",
    "\u2028",
    " \t\n ",
    "%",
    "_",
    "\\",
    "'; DROP TABLE tickets; --",
    "${x}",
    "{{x}}",
    "<script>",
    "9".repeat(400),
    "-1",
    "0",
    "1e999",
    "NaN",
    "null",
    "true",
    "billing",
    "open",
  ),
);
const keys = fc.oneof(
  fc.constantFrom(
    "__proto__",
    "constructor",
    "toString",
    "valueOf",
    "hasOwnProperty",
    "prototype",
    "title",
    "description",
    "category",
    "priority",
    "status",
    "id",
    "search",
    "limit",
    "cursor",
  ),
  fc.string({ maxLength: 12 }),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    nasty,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(keys, tie("value"), { maxKeys: 6 }),
  ),
})).value;
// Mostly near-valid tickets with one field replaced, so requests get past the first check too.
const body = fc.oneof(
  json,
  fc.dictionary(keys, json, { maxKeys: 8 }),
  fc
    .tuple(keys, json)
    .map(([key, value]) => ({ ...validTicket, [key]: value })),
);
const pathId = fc.oneof(
  fc.constantFrom(
    "1",
    "0",
    "-1",
    "99999999999999999999",
    "1.5",
    "%00",
    "%ED%B3%80",
    "abc",
  ),
  fc.nat().map(String),
);
const query = fc
  .dictionary(keys, nasty, { maxKeys: 4 })
  .map((entries) =>
    new URLSearchParams(entries as Record<string, string>).toString(),
  );

const request = fc.record({
  endpoint: fc.constantFrom(...ENDPOINTS),
  caller: fc.constantFrom(...CALLERS),
  id: pathId,
  query,
  body,
  rawBody: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
});

describe.each(DB_KINDS)(
  "generated requests to every endpoint on %s",
  (kind) => {
    const ctx = useTestApp(kind);

    it(`answers ${RUNS_PER_DATABASE} generated requests without a 5xx, every error in the one shape`, async () => {
      await ctx.app.inject({
        method: "POST",
        url: "/api/tickets/",
        payload: validTicket,
      });
      await fc.assert(
        fc.asyncProperty(
          request,
          async ({ endpoint, caller, id, query, body, rawBody }) => {
            const url = `${endpoint.path.replace(":id", id)}${query ? `?${query}` : ""}`;
            const sendsBody =
              endpoint.method === "POST" || endpoint.method === "PATCH";
            const response = await ctx.as(caller)({
              method: endpoint.method,
              url,
              ...(sendsBody
                ? {
                    headers: { "content-type": "application/json" },
                    payload: rawBody ?? JSON.stringify(body),
                  }
                : {}),
            });
            const where = `${caller ?? "anonymous"}: ${endpoint.method} ${url} → ${response.statusCode} ${response.body.slice(0, 300)}`;
            // Health's 503 has its own body, declared in the table.
            const errorShape =
              "errorResponse" in endpoint
                ? endpoint.errorResponse
                : ApiErrorBody.strict();
            expect(response.statusCode, where).toBeLessThan(500);
            if (response.statusCode >= 400) {
              expect(errorShape.safeParse(response.json()).success, where).toBe(
                true,
              );
            }
          },
        ),
        { numRuns: RUNS_PER_DATABASE },
      );
    });
  },
);
