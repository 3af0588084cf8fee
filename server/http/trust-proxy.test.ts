import { afterEach, describe, expect, it } from "vitest";
import type { Classifier } from "../classify/classifier.js";
import { parseConfig } from "../config.js";
import { createTestDatabase } from "../test/databases.js";
import { buildTestApp, type TestApp } from "../test/helpers.js";

const answering: Classifier = {
  classify: async () => ({
    suggested_category: "billing",
    suggested_priority: "low",
    confidence: { category: 0.9, priority: 0.9 },
    source: "local",
  }),
  state: () => ({ mode: "local", local: "ready", llm: "not used" }),
  close: () => {},
};

const PER_MINUTE = 2;
const PROXY = "10.0.0.5";

let open: { app: TestApp; drop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const { app, drop } of open) {
    await app.close();
    await drop();
  }
  open = [];
});

/** An app behind a proxy at PROXY, with the classify quota at PER_MINUTE. */
async function appBehindProxy(trustProxy?: boolean | number | string[]) {
  const database = await createTestDatabase("pglite");
  const app = await buildTestApp(database, {
    classifier: answering,
    config: {
      classifyRateLimit: PER_MINUTE,
      ...(trustProxy !== undefined && { trustProxy }),
    },
  });
  open.push({ app, drop: () => database.drop() });
  return (forwardedFor: string) =>
    app
      .inject({
        method: "POST",
        url: "/api/tickets/classify/",
        remoteAddress: PROXY,
        headers: { "x-forwarded-for": forwardedFor },
        payload: { description: "I was charged twice" },
      })
      .then((response) => response.statusCode);
}

describe("the classify quota behind a reverse proxy", () => {
  it("is shared by every client when TRUST_PROXY is off (the default): X-Forwarded-For is not believed", async () => {
    const classify = await appBehindProxy();
    expect(await classify("1.1.1.1")).toBe(200);
    expect(await classify("2.2.2.2")).toBe(200);
    expect(await classify("3.3.3.3")).toBe(429);
  });

  it("is per client when the proxy's address is trusted", async () => {
    const classify = await appBehindProxy([PROXY]);
    expect(await classify("1.1.1.1")).toBe(200);
    expect(await classify("1.1.1.1")).toBe(200);
    expect(await classify("1.1.1.1")).toBe(429);
    expect(await classify("2.2.2.2")).toBe(200);
  });

  it("with a number of proxies, takes the address the nearest proxy saw, not one the client wrote", async () => {
    const classify = await appBehindProxy(1);
    expect(await classify("6.6.6.1, 1.1.1.1")).toBe(200);
    expect(await classify("6.6.6.2, 1.1.1.1")).toBe(200);
    expect(await classify("6.6.6.3, 1.1.1.1")).toBe(429);
    expect(await classify("6.6.6.4, 2.2.2.2")).toBe(200);
  });
});

describe("TRUST_PROXY", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["false", false],
    ["true", true],
    ["2", 2],
    ["10.0.0.5, 172.16.0.0/12", ["10.0.0.5", "172.16.0.0/12"]],
  ])("%j means %j", (value, expected) => {
    const parsed = parseConfig(
      value === undefined ? {} : { TRUST_PROXY: value },
    );
    expect(parsed.ok && parsed.config.trustProxy).toEqual(expected);
  });
});
