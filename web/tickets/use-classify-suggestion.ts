import { useEffect, useRef, useState } from "react";
import type { ClassifyResponse } from "../../contract/classify.js";
import { TITLE_MAX } from "../../contract/tickets.js";
import { ApiError } from "../lib/api-client.js";
import { classifyTicket } from "./api.js";

const CLASSIFY_DELAY_MS = 1000;

export type SuggestionState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "ready"; value: ClassifyResponse }
  | { status: "unavailable"; message: string };

/**
 * Asks for a category and priority one second after the last change to the description; a newer
 * description cancels the request still in flight. `onSuggestion` gets each answer.
 */
export function useClassifySuggestion(
  title: string,
  description: string,
  onSuggestion: (value: ClassifyResponse) => void,
): SuggestionState {
  const [state, setState] = useState<SuggestionState>({ status: "idle" });
  const latest = useRef({ title, onSuggestion });
  useEffect(() => {
    latest.current = { title, onSuggestion };
  });

  const text = description.trim();
  useEffect(() => {
    if (!text) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setState({ status: "loading" });
      const title = latest.current.title.trim().slice(0, TITLE_MAX);
      classifyTicket(
        { description: text, title: title || undefined },
        controller.signal,
      ).then(
        (value) => {
          setState({ status: "ready", value });
          latest.current.onSuggestion(value);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState({
            status: "unavailable",
            message: unavailableMessage(error),
          });
        },
      );
    }, CLASSIFY_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  return text ? state : { status: "idle" };
}

function unavailableMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 429)
    return "Suggestions are paused for a moment (too many requests).";
  return "Suggestions are unavailable right now; choose category and priority yourself.";
}
