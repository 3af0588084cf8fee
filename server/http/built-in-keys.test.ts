import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type App } from "../app.js";
import { disabledClassifier } from "../classify/classifier.js";
import { createTestDatabase, type TestDatabase } from "../test/databases.js";
import {
  DB_KINDS,
  testConfig,
  testLogger,
  useTestApp,
  validTicket,
} from "../test/helpers.js";

// Keys that every plain object inherits: a field-error map built on `{}` already "has" them.
const BUILT_IN_KEYS = [
  "toString",
  "constructor",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "toLocaleString",
  "__defineGetter__",
];

describe.each(DB_KINDS)("body keys named like built-ins on %s", (kind) => {
  const ctx = useTestApp(kind);
  let ticketId: number;
  beforeAll(async () => {
    const created = await ctx.inject({
      method: "POST",
      url: "/api/tickets/",
      payload: validTicket,
    });
    ticketId = created.json().id;
  });

  const requests = () =>
    [
      ["POST", "/api/tickets/", validTicket],
      ["PATCH", `/api/tickets/${ticketId}/`, { status: "closed" }],
      ["POST", "/api/tickets/classify/", { description: "It broke" }],
    ] as const;

  it.each(BUILT_IN_KEYS)(
    "answers a body with an extra %s key 400 naming it as an unknown field",
    async (key) => {
      for (const [method, url, body] of requests()) {
        const response = await ctx.inject({
          method,
          url,
          headers: { "content-type": "application/json" },
          payload: JSON.stringify({ ...body, [key]: 1 }),
        });
        expect(response.statusCode, `${method} ${url}`).toBe(400);
        expect(response.json()).toEqual({
          error: "Invalid request body",
          fields: { [key]: ["Unknown field"] },
        });
      }
    },
  );

  it("answers a body with a __proto__ key 400 in the error shape", async () => {
    for (const [method, url, body] of requests()) {
      const response = await ctx.inject({
        method,
        url,
        headers: { "content-type": "application/json" },
        payload: `{"__proto__":{"x":1},${JSON.stringify(body).slice(1)}`,
      });
      expect(response.statusCode, `${method} ${url}`).toBe(400);
      expect(Object.keys(response.json())).toEqual(["error"]);
    }
  });
});

describe("a failure inside the error handler", () => {
  let database: TestDatabase;
  let app: App;
  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    app = await buildApp({
      config: testConfig,
      db: database.db,
      listen: database.listen,
      classifier: disabledClassifier,
      logger: testLogger,
    });
    // An error that looks like a validation failure but breaks the handler's own code.
    app.get("/broken", async () => {
      throw Object.assign(new Error("secret internal detail"), {
        validation: [
          {
            [Symbol.for("ZodFastifySchemaValidationError")]: true,
            instancePath: 42,
            params: {},
          },
        ],
        validationContext: "body",
      });
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it("still answers the plain 500 and leaks nothing", async () => {
    const response = await app.inject({ url: "/broken" });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: "Internal Server Error" });
  });
});
