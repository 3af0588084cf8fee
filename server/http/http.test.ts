import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/databases.js";
import {
  buildTestApp,
  DB_KINDS,
  useTestApp,
  validTicket,
  type TestApp,
} from "../test/helpers.js";

describe.each(DB_KINDS)("HTTP conventions on %s", (kind) => {
  const ctx = useTestApp(kind, {
    config: { corsOrigins: ["https://desk.example.com"] },
  });

  it.each([
    ["DELETE", "/api/tickets/1/", "GET, HEAD, PATCH"],
    ["PUT", "/api/tickets/", "GET, HEAD, POST"],
    ["POST", "/api/tickets/stats", "GET, HEAD"],
    ["GET", "/api/tickets/classify/", "POST"],
    ["DELETE", "/api/health", "GET, HEAD"],
  ] as const)(
    "answers %s %s with 405 and Allow: %s",
    async (method, url, allow) => {
      const response = await ctx.inject({ method, url });
      expect(response.statusCode).toBe(405);
      expect(response.headers.allow).toBe(allow);
      expect(response.json()).toEqual({ error: "Method not allowed" });
    },
  );

  it("answers an unknown API path with a JSON 404", async () => {
    const response = await ctx.inject({ url: "/api/nothing-here" });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: "Not found" });
  });

  it("serves the OpenAPI document generated from the contract, and its docs page", async () => {
    for (const url of ["/api/openapi.json", "/api/openapi.json/"]) {
      const response = await ctx.inject({ url });
      expect(response.statusCode).toBe(200);
      const document = response.json();
      expect(document.openapi).toMatch(/^3\./);
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining([
          "/api/tickets",
          "/api/tickets/{id}",
          "/api/tickets/stats",
          "/api/tickets/classify",
          "/api/health",
        ]),
      );
      expect(JSON.stringify(document.paths["/api/tickets"].post)).toContain(
        '"billing","technical","account","general"',
      );
    }
    const docs = await ctx.inject({ url: "/api/docs" });
    expect([200, 302]).toContain(docs.statusCode);
    const page = await ctx.inject({ url: "/api/docs/" });
    expect(page.statusCode).toBe(200);
    // Over plain http from another host name, upgrade-insecure-requests would send the browser to https.
    for (const url of [
      "/api/docs",
      "/api/docs/",
      "/api/docs/static/index.html",
    ]) {
      const headers = (await ctx.inject({ url })).headers;
      expect(headers["content-security-policy"]).toContain(
        "default-src 'self'",
      );
      expect(headers["content-security-policy"]).not.toContain(
        "upgrade-insecure",
      );
    }
    expect(page.headers["content-type"]).toMatch(/html/);
  });

  it("sends security headers and a request id, and echoes a given request id", async () => {
    const response = await ctx.inject({
      url: "/api/health",
      headers: { "x-request-id": "abc-123" },
    });
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["content-security-policy"]).toContain(
      "default-src 'self'",
    );
    expect(response.headers["x-request-id"]).toBe("abc-123");
    const other = await ctx.inject({ url: "/api/health" });
    expect(other.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("opens CORS only to the configured origins", async () => {
    const allowed = await ctx.inject({
      url: "/api/health",
      headers: { origin: "https://desk.example.com" },
    });
    expect(allowed.headers["access-control-allow-origin"]).toBe(
      "https://desk.example.com",
    );
    const other = await ctx.inject({
      url: "/api/health",
      headers: { origin: "https://evil.example.com" },
    });
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
  });
});

describe("a CORS preflight from an allowed origin", () => {
  const ctx = useTestApp("pglite", {
    config: { corsOrigins: ["https://desk.example.com"] },
  });
  it.each(["PATCH", "DELETE", "POST"])(
    "allows %s with JSON and a bearer token",
    async (method) => {
      const response = await ctx.inject({
        method: "OPTIONS",
        url: "/api/tickets/1/",
        headers: {
          origin: "https://desk.example.com",
          "access-control-request-method": method,
          "access-control-request-headers": "authorization, content-type",
        },
      });
      expect(response.statusCode).toBe(204);
      expect(response.headers["access-control-allow-origin"]).toBe(
        "https://desk.example.com",
      );
      expect(
        String(response.headers["access-control-allow-methods"]).split(/,\s*/),
      ).toContain(method);
      expect(response.headers["access-control-allow-headers"]).toBe(
        "authorization, content-type",
      );
    },
  );
});

describe("CORS without CORS_ORIGINS", () => {
  const ctx = useTestApp("pglite");
  it("sends no Access-Control-Allow-Origin", async () => {
    const response = await ctx.inject({
      url: "/api/health",
      headers: { origin: "https://desk.example.com" },
    });
    expect(response.headers["access-control-allow-origin"]).toBeUndefined();
  });
});

describe.each(DB_KINDS)("when the database goes away on %s", (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = await buildTestApp(database);
    await database.close();
  });
  afterAll(async () => {
    await app.close();
    await database.drop().catch(() => {});
  });

  it("answers reads and writes 503 with Retry-After and no detail of the error", async () => {
    const requests = [
      app.inject({ url: "/api/tickets/?search=secret" }),
      app.inject({ url: "/api/tickets/stats/" }),
      app.inject({ url: "/api/tickets/1/" }),
      app.inject({
        method: "POST",
        url: "/api/tickets/",
        payload: validTicket,
      }),
      app.inject({
        method: "PATCH",
        url: "/api/tickets/1/",
        payload: { status: "closed" },
      }),
    ];
    for (const response of await Promise.all(requests)) {
      expect(response.statusCode).toBe(503);
      expect(response.headers["retry-after"]).toBe("5");
      expect(response.json()).toEqual({
        error: "Database unavailable; try again shortly",
      });
    }
  });

  it("reports the database down in /api/health with 503", async () => {
    const response = await app.inject({ url: "/api/health" });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      status: "degraded",
      db: "down",
      classifier: { mode: "llm", local: "not used", llm: "not configured" },
    });
  });
});
