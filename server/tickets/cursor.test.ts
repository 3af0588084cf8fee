import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor.js";

describe("list cursor", () => {
  it("round-trips a ticket id", () => {
    for (const id of [1, 42, Number.MAX_SAFE_INTEGER])
      expect(decodeCursor(encodeCursor(id))).toBe(id);
  });

  it("refuses anything it did not make", () => {
    const forged = [
      "",
      "abc",
      Buffer.from("t:0").toString("base64url"),
      Buffer.from("t:-1").toString("base64url"),
      Buffer.from("t:1.5").toString("base64url"),
      Buffer.from("t:99999999999999999").toString("base64url"),
      `${encodeCursor(7)}=`,
    ];
    for (const cursor of forged)
      expect(decodeCursor(cursor), cursor).toBeUndefined();
  });
});
