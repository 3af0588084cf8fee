import { request, type IncomingMessage } from "node:http";

/** `receivedAt`: performance.now() when the event's last line arrived. */
export type SseEvent = {
  event: string;
  data: string;
  id?: string;
  receivedAt: number;
};

/**
 * A plain Server-Sent Events client over node:http, for tests: it parses the stream as the
 * specification says and keeps every event and comment, in order.
 */
export async function openSse(
  url: string,
  headers: Record<string, string> = {},
) {
  const response = await new Promise<IncomingMessage>((resolve, reject) =>
    request(url, { headers: { accept: "text/event-stream", ...headers } })
      .on("response", resolve)
      .on("error", reject)
      .end(),
  );
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let waiters: (() => void)[] = [];
  let buffer = "";
  let ended = false;
  const wake = () => {
    waiters.forEach((wakeUp) => wakeUp());
    waiters = [];
  };
  response.setEncoding("utf8");
  response.on("data", (chunk: string) => {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      parseBlock(buffer.slice(0, end), events, comments);
      buffer = buffer.slice(end + 2);
    }
    wake();
  });
  response.on("close", () => {
    ended = true;
    wake();
  });

  let read = 0;
  return {
    status: response.statusCode,
    headers: response.headers,
    events,
    comments,
    get ended() {
      return ended;
    },
    /** The next event not read yet that matches, waiting at most `timeoutMs`. */
    async next(
      match: (event: SseEvent) => boolean = () => true,
      timeoutMs = 2000,
    ): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = events.findIndex((e, i) => i >= read && match(e));
        if (index >= 0) {
          read = index + 1;
          return events[index]!;
        }
        if (ended) throw new Error("The stream ended");
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`No such event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, left);
        });
      }
    },
    /** Waits for the stream to end (the server closed it). */
    async closed(timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      while (!ended && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
      return ended;
    },
    close: () => response.destroy(),
  };
}
export type SseStream = Awaited<ReturnType<typeof openSse>>;

function parseBlock(block: string, events: SseEvent[], comments: string[]) {
  const event: SseEvent = {
    event: "message",
    data: "",
    receivedAt: performance.now(),
  };
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) {
      comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") event.event = value;
    else if (field === "data") data.push(value);
    else if (field === "id") event.id = value;
  }
  if (data.length === 0) return;
  event.data = data.join("\n");
  events.push(event);
}
