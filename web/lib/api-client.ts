import type {
  Endpoint,
  EndpointOutput,
  EndpointRequest,
} from "../../contract/endpoints.js";
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

type Input<E extends Endpoint> = EndpointRequest<E> & { signal?: AbortSignal };
/** `input` may be left out when the endpoint takes no params and no body. */
type InputArg<E extends Endpoint> =
  object extends EndpointRequest<E> ? [input?: Input<E>] : [input: Input<E>];

let sessionLost = () => {};
/**
 * Called when an endpoint that needs a person answers 401: the session expired or was ended
 * elsewhere. The app sends the person to sign-in from there.
 */
export function onSessionLost(listener: () => void): void {
  sessionLost = listener;
}

/** `/api/tickets/:id` with `{id: 5}` → `/api/tickets/5`, plus the query's non-empty values. */
export function urlOf(
  path: string,
  params: Record<string, unknown> = {},
  query: Record<string, unknown> = {},
): string {
  const filled = path.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(String(params[name])),
  );
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== "")
      search.set(key, String(value));
  const qs = search.toString();
  return qs ? `${filled}?${qs}` : filled;
}

/**
 * Calls one endpoint of the contract; the reply is validated against its response schema and
 * returned with the headers. Never throws anything but ApiError (or an abort).
 */
export async function request<E extends Endpoint>(
  endpoint: E,
  ...[input = {} as Input<E>]: InputArg<E>
): Promise<{ data: EndpointOutput<E>; headers: Headers }> {
  const { params, query, body } = input as {
    params?: Record<string, unknown>;
    query?: Record<string, unknown>;
    body?: unknown;
  };
  let response: Response;
  try {
    response = await fetch(urlOf(endpoint.path, params, query), {
      method: endpoint.method,
      signal: input.signal,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (input.signal?.aborted) throw error;
    throw new ApiError(0, "Cannot reach the server. Check your connection.");
  }
  if (!response.ok) {
    if (response.status === 401 && endpoint.access !== "anyone") sessionLost();
    throw await errorOf(response);
  }
  if (response.status === 204 || !endpoint.response)
    return { data: undefined as EndpointOutput<E>, headers: response.headers };
  const parsed = endpoint.response.safeParse(
    await response.json().catch(() => undefined),
  );
  if (!parsed.success)
    throw new ApiError(response.status, "The server sent an unexpected reply.");
  return { data: parsed.data as EndpointOutput<E>, headers: response.headers };
}

/** `request` without the headers: what almost every caller wants. */
export async function call<E extends Endpoint>(
  endpoint: E,
  ...input: InputArg<E>
): Promise<EndpointOutput<E>> {
  return (await request(endpoint, ...input)).data;
}

async function errorOf(response: Response): Promise<ApiError> {
  const parsed = ApiErrorBody.safeParse(
    await response.json().catch(() => undefined),
  );
  if (!parsed.success)
    return new ApiError(
      response.status,
      `The server answered ${response.status}.`,
    );
  const { error, fields, detail } = parsed.data;
  return new ApiError(response.status, error, fields, detail);
}
