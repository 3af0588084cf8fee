import { readFileSync } from "node:fs";
import OpenAI from "openai";
import { z } from "zod";
import { Category, Priority } from "../../contract/tickets.js";
import { ClassifierUnavailableError, type LlmSuggest } from "./classifier.js";

const PROMPT = readFileSync(new URL("./prompt.txt", import.meta.url), "utf8");

const Reply = z.object({
  category: z.string().trim().toLowerCase().pipe(Category),
  priority: z.string().trim().toLowerCase().pipe(Priority),
  reason: z.string().max(500).optional().catch(undefined),
});

type Options = {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
};

/**
 * The LLM adapter: one chat completion with JSON output at temperature 0, no retries. The timeout
 * covers the whole call: the client's own `timeout` stops at the response headers, so a reply that
 * trickles or stalls its body is cut by our own timer, which also aborts the request.
 */
export function openAiSuggest({
  apiKey,
  baseURL,
  model,
  timeoutMs,
}: Options): LlmSuggest {
  const client = new OpenAI({
    apiKey,
    baseURL,
    timeout: timeoutMs,
    maxRetries: 0,
  });
  return async ({ title, description }) => {
    let content: string | null | undefined;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new ClassifierUnavailableError("Classifier timed out"));
      }, timeoutMs);
    });
    try {
      const call = client.chat.completions.create(
        {
          model,
          temperature: 0,
          response_format: { type: "json_object" },
          messages: [
            { role: "system", content: PROMPT },
            {
              role: "user",
              content: title
                ? `Title: ${title}\n\nDescription: ${description}`
                : description,
            },
          ],
        },
        { signal: abort.signal },
      );
      call.catch(() => {}); // after the deadline its rejection (the abort) has nobody waiting
      const completion = await Promise.race([call, deadline]);
      content = completion.choices[0]?.message.content;
    } catch (error) {
      if (error instanceof ClassifierUnavailableError) throw error;
      if (error instanceof OpenAI.APIConnectionTimeoutError)
        throw new ClassifierUnavailableError("Classifier timed out");
      if (error instanceof OpenAI.APIError && error.status)
        throw new ClassifierUnavailableError(
          `Classifier answered HTTP ${error.status}`,
        );
      throw new ClassifierUnavailableError("Classifier unreachable");
    } finally {
      clearTimeout(timer);
    }
    const reply = Reply.safeParse(parseJsonReply(content ?? ""));
    if (!reply.success)
      throw new ClassifierUnavailableError("Classifier gave an invalid answer");
    return {
      suggested_category: reply.data.category,
      suggested_priority: reply.data.priority,
      ...(reply.data.reason ? { reason: reply.data.reason } : {}),
    };
  };
}

/**
 * Models sometimes wrap JSON in a markdown code fence despite being asked not to. Found with
 * indexOf, in linear time: a regular expression for the fence backtracked quadratically on a long
 * unclosed one (three backticks and 300 KB of spaces took 7.7 s).
 */
export function parseJsonReply(content: string): unknown {
  let text = content;
  const open = content.indexOf("```");
  const close = open === -1 ? -1 : content.indexOf("```", open + 3);
  if (close !== -1) text = content.slice(open + 3, close).replace(/^json/i, "");
  try {
    return JSON.parse(text.trim());
  } catch {
    return undefined;
  }
}
