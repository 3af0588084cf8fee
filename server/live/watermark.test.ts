import { describe, expect, it } from "vitest";
import { createWatermark } from "./watermark.js";

describe("watermark", () => {
  let clock = 0;
  const mark = () => {
    const watermark = createWatermark(1000, () => clock);
    watermark.reset(10);
    return watermark;
  };

  it("follows ids that arrive in order", () => {
    const watermark = mark();
    watermark.see([11, 12]);
    watermark.see([13]);
    expect(watermark.value).toBe(13);
  });

  it("holds at a hole until the missing id arrives", () => {
    const watermark = mark();
    watermark.see([12, 13]);
    expect(watermark.value).toBe(10);
    watermark.see([11]);
    expect(watermark.value).toBe(13);
  });

  it("ignores ids at or below the mark", () => {
    const watermark = mark();
    watermark.see([9, 10, 11]);
    expect(watermark.value).toBe(11);
  });

  it("steps over a hole older than the limit, and only then", () => {
    clock = 0;
    const watermark = mark();
    watermark.see([12, 14]);
    clock = 999;
    watermark.expire();
    expect(watermark.value).toBe(10);
    clock = 1000;
    watermark.expire();
    expect(watermark.value).toBe(12);
    // The next hole (13) gets its own time.
    clock = 1500;
    watermark.expire();
    expect(watermark.value).toBe(12);
    clock = 2000;
    watermark.expire();
    expect(watermark.value).toBe(14);
  });
});
