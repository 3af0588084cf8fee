import { readFileSync } from "node:fs";
import OpenAI from "openai";
import { z } from "zod";
import { Category, Priority } from "../../contract/tickets.js";
import { ClassifierUnavailableError, type Suggest } from "./classifier.js";

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

/** The LLM adapter: one chat completion with JSON output at temperature 0, no retries. */
export function openAiSuggest({
  apiKey,
  baseURL,
  model,
  timeoutMs,
}: Options): Suggest {
  const client = new OpenAI({
    apiKey,
    baseURL,
    timeout: timeoutMs,
    maxRetries: 0,
  });
  return async ({ title, description }) => {
    let content: string | null | undefined;
    try {
      const completion = await client.chat.completions.create({
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
      });
      content = completion.choices[0]?.message.content;
    } catch (error) {
      if (error instanceof OpenAI.APIConnectionTimeoutError)
        throw new ClassifierUnavailableError("Classifier timed out");
      if (error instanceof OpenAI.APIError && error.status)
        throw new ClassifierUnavailableError(
          `Classifier answered HTTP ${error.status}`,
        );
      throw new ClassifierUnavailableError("Classifier unreachable");
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

/** Models sometimes wrap JSON in a markdown code fence despite being asked not to. */
export function parseJsonReply(content: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(content);
  try {
    return JSON.parse((fenced?.[1] ?? content).trim());
  } catch {
    return undefined;
  }
}
