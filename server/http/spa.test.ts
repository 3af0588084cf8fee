import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useTestApp } from "../test/helpers.js";

const staticDir = mkdtempSync(join(tmpdir(), "ticketdesk-spa-"));
writeFileSync(
  join(staticDir, "index.html"),
  "<!doctype html><title>SPA</title>",
);
afterAll(() => rmSync(staticDir, { recursive: true, force: true }));

describe("the web app's own addresses", () => {
  const ctx = useTestApp("pglite", { config: { staticDir } });

  it.each([
    "/",
    "/signin?redirect=%2Fpeople",
    "/signup",
    "/setup?token=abc",
    "/invite?token=abc",
    "/people",
    "/tokens",
    "/tickets/12",
    "/?status=open&search=123",
  ])("GET %s answers the app's index.html without a session", async (url) => {
    const response = await ctx.as(null)({ url });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    expect(response.body).toContain("<title>SPA</title>");
  });

  it("keeps API paths and other methods out of it", async () => {
    const api = await ctx.as(null)({ url: "/api/nothing-here" });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: "Not found" });
    const post = await ctx.as(null)({ method: "POST", url: "/people" });
    expect(post.statusCode).toBe(404);
  });
});
