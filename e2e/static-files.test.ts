import { afterAll, beforeAll, expect, it } from "vitest";
import { startE2eApp, type E2eApp } from "./support.js";

let app: E2eApp;
beforeAll(async () => {
  app = await startE2eApp({ withLlm: false });
});
afterAll(() => app?.close());

it("/favicon.ico answers an icon, not the web app's page", async () => {
  const response = await fetch(`${app.url}/favicon.ico`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^image\//);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // Every .ico file starts with reserved 0 and type 1 (https://en.wikipedia.org/wiki/ICO_(file_format)).
  expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
});
