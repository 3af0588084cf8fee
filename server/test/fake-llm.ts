import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake chat-completions server does with the next requests. */
export type Script =
  | { kind: "answer"; content: string }
  | { kind: "hang" }
  | { kind: "fail"; status: number }
  /** Headers at once, then the body one character every 50 ms (a good answer, after about a minute). */
  | { kind: "drip"; content: string }
  /** Headers and half the body, then nothing. */
  | { kind: "stall"; content: string };

export const goodAnswer = (category: string, priority: string): Script => ({
  kind: "answer",
  content: JSON.stringify({ category, priority, reason: "scripted" }),
});

/**
 * A small real HTTP server speaking the OpenAI chat-completions protocol, scripted per test,
 * recording every request body it receives.
 */
export async function startFakeLlm() {
  let script: Script = goodAnswer("technical", "high");
  const requests: { path: string; body: Record<string, unknown> }[] = [];
  const hanging = new Set<() => void>();

  const server = createServer(async (req, res) => {
    const body = JSON.parse((await readBody(req)) || "{}") as Record<
      string,
      unknown
    >;
    requests.push({ path: req.url ?? "", body });
    if (script.kind === "hang") {
      hanging.add(() => res.destroy());
      return;
    }
    if (script.kind === "fail") {
      res.writeHead(script.status, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: { message: "scripted failure", type: "server_error" },
        }),
      );
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    const reply = JSON.stringify({
      id: "chatcmpl-fake",
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: String(body.model),
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: script.content },
          finish_reason: "stop",
        },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
    if (script.kind === "answer") return void res.end(reply);
    res.flushHeaders();
    if (script.kind === "stall") {
      res.write(reply.slice(0, reply.length / 2));
      hanging.add(() => res.destroy());
      return;
    }
    let sent = 0;
    const drip = setInterval(() => {
      if (sent < reply.length) res.write(reply[sent++]);
      else release();
    }, 50);
    const release = () => {
      clearInterval(drip);
      res.end();
    };
    hanging.add(release);
    res.on("close", () => clearInterval(drip));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script(next: Script) {
      script = next;
    },
    async close() {
      for (const release of hanging) release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type FakeLlm = Awaited<ReturnType<typeof startFakeLlm>>;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
