import type { z } from "zod";
import { ApiErrorBody } from "../../contract/errors.js";

/** Any failed API call: a readable message, the field errors if the server named any. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string[]> = {},
    readonly detail?: string,
  ) {
    super(message);
  }
}

type Options = { method?: string; body?: unknown; signal?: AbortSignal };

/** One JSON call to the API; the reply is validated against `schema`. Never throws anything but ApiError (or an abort). */
export async function api<T extends z.ZodType>(
  path: string,
  schema: T,
  { method = "GET", body, signal }: Options = {},
): Promise<{ data: z.infer<T>; headers: Headers }> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, "Cannot reach the server. Check your connection.");
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = ApiErrorBody.safeParse(json);
    const fallback = `The server answered ${response.status}.`;
    throw parsed.success
      ? new ApiError(
          response.status,
          parsed.data.error,
          parsed.data.fields,
          parsed.data.detail,
        )
      : new ApiError(response.status, fallback);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ApiError(response.status, "The server sent an unexpected reply.");
  return { data: parsed.data, headers: response.headers };
}
