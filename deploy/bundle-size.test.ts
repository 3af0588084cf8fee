import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { expect, it } from "vitest";

const ASSETS = "dist/web/assets";
const BUDGET_KB = 150;

it(`keeps the built JavaScript under ${BUDGET_KB} KB gzipped`, () => {
  let files: string[];
  try {
    files = readdirSync(ASSETS).filter((name) => name.endsWith(".js"));
  } catch {
    throw new Error(`${ASSETS} is missing: run "npm run build" first`);
  }
  expect(files.length).toBeGreaterThan(0);
  const bytes = files
    .map((name) => gzipSync(readFileSync(`${ASSETS}/${name}`)).length)
    .reduce((a, b) => a + b, 0);
  console.log(
    `web bundle: ${(bytes / 1024).toFixed(1)} KB of gzipped JavaScript`,
  );
  expect(bytes / 1024).toBeLessThan(BUDGET_KB);
});
