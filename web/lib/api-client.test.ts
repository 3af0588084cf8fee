import { afterEach, describe, expect, it, vi } from "vitest";
import { endpoints } from "../../contract/endpoints.js";
import { json, makeTicket } from "../test/fake-api.js";
import { ApiError, call, onSessionLost, request } from "./api-client.js";

const answer = (response: Response | Error) => {
  const fetch = vi.fn((_url: string, _init?: RequestInit) =>
    response instanceof Error
      ? Promise.reject(response)
      : Promise.resolve(response),
  );
  vi.stubGlobal("fetch", fetch);
  return fetch;
};
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected an ApiError"),
    (error: unknown) => error as ApiError,
  );

describe("call()", () => {
  afterEach(() => onSessionLost(() => {}));

  it("fills the path, sends the query's non-empty values and the body, and returns the validated reply", async () => {
    const ticket = makeTicket({ id: 7 });
    const fetch = answer(json(200, ticket));
    expect(
      await call(endpoints.updateTicket, {
        params: { id: 7 },
        body: { priority: "high" },
      }),
    ).toEqual(ticket);
    expect(fetch).toHaveBeenCalledWith("/api/tickets/7", {
      method: "PATCH",
      signal: undefined,
      headers: { "content-type": "application/json" },
      body: '{"priority":"high"}',
    });

    const list = answer(json(200, [], { link: "<x>" }));
    const { headers } = await request(endpoints.listTickets, {
      query: { status: "open", search: "50% off", category: undefined },
    });
    expect(list.mock.calls[0]?.[0]).toBe(
      "/api/tickets?status=open&search=50%25+off",
    );
    expect(headers.get("link")).toBe("<x>");
  });

  it("gives undefined for a 204", async () => {
    answer(new Response(null, { status: 204 }));
    expect(
      await call(endpoints.revokeToken, { params: { id: 1 } }),
    ).toBeUndefined();
  });

  it("turns an error body into an ApiError with its fields", async () => {
    answer(
      json(400, {
        error: "Invalid request body",
        fields: { title: ["Too long"] },
      }),
    );
    const error = await failure(
      call(endpoints.createTicket, {
        body: {
          title: "x",
          description: "y",
          category: "general",
          priority: "low",
        },
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      message: "Invalid request body",
      fields: { title: ["Too long"] },
    });
  });

  it("gives a readable message for a non-JSON error page and for a network failure", async () => {
    answer(new Response("<html>Bad gateway</html>", { status: 502 }));
    expect((await failure(call(endpoints.health))).message).toBe(
      "The server answered 502.",
    );
    answer(new TypeError("fetch failed"));
    expect(await failure(call(endpoints.health))).toMatchObject({
      status: 0,
      message: "Cannot reach the server. Check your connection.",
    });
  });

  it("refuses a reply that does not match the endpoint's response schema", async () => {
    answer(json(200, { ...makeTicket(), priority: "urgent" }));
    expect(
      (await failure(call(endpoints.getTicket, { params: { id: 1 } }))).message,
    ).toBe("The server sent an unexpected reply.");
  });

  it("reports a lost session on a 401 from an endpoint that needs one, not from sign-in", async () => {
    const lost = vi.fn();
    onSessionLost(lost);
    answer(json(401, { error: "Wrong email or password" }));
    await failure(
      call(endpoints.login, { body: { email: "a@b.c", password: "x" } }),
    );
    expect(lost).not.toHaveBeenCalled();
    answer(json(401, { error: "Sign in to continue" }));
    expect((await failure(call(endpoints.listTokens))).status).toBe(401);
    expect(lost).toHaveBeenCalledOnce();
  });
});
