import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { json } from "../test/fake-api.js";
import { api, ApiError } from "./api-client.js";

const answer = (response: Response | Error) =>
  vi.stubGlobal("fetch", () =>
    response instanceof Error
      ? Promise.reject(response)
      : Promise.resolve(response),
  );
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected an ApiError"),
    (error: unknown) => error as ApiError,
  );

describe("api()", () => {
  it("returns the validated reply and its headers", async () => {
    answer(json(200, { n: 1 }, { link: "<x>" }));
    const { data, headers } = await api("/api/x", z.object({ n: z.number() }));
    expect(data).toEqual({ n: 1 });
    expect(headers.get("link")).toBe("<x>");
  });

  it("turns an error body into an ApiError with its fields", async () => {
    answer(
      json(400, {
        error: "Invalid request body",
        fields: { title: ["Too long"] },
      }),
    );
    const error = await failure(api("/api/x", z.unknown()));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      message: "Invalid request body",
      fields: { title: ["Too long"] },
    });
  });

  it("gives a readable message for a non-JSON error page and for a network failure", async () => {
    answer(new Response("<html>Bad gateway</html>", { status: 502 }));
    expect((await failure(api("/api/x", z.unknown()))).message).toBe(
      "The server answered 502.",
    );
    answer(new TypeError("fetch failed"));
    expect(await failure(api("/api/x", z.unknown()))).toMatchObject({
      status: 0,
      message: "Cannot reach the server. Check your connection.",
    });
  });

  it("refuses a reply that does not match the schema", async () => {
    answer(json(200, { n: "one" }));
    expect(
      (await failure(api("/api/x", z.object({ n: z.number() })))).message,
    ).toBe("The server sent an unexpected reply.");
  });
});
