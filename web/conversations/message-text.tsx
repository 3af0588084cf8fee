import type { ReactNode } from "react";

/** Web addresses (http, https or starting with www.) and e-mail addresses in running text. */
const LINKS =
  /\b(?:https?:\/\/|www\.)[^\s<>"]+|\b[\w.+-]+@[a-z\d-]+(?:\.[a-z\d-]+)+/gi;
/** Punctuation that ends a sentence rather than the address. */
const TRAILING = /[.,;:!?'"*)\]}]+$/;

export type Piece = string | { href: string; text: string };

/** The address as it was meant: without the sentence's punctuation, a ")" kept when it closes one of its own. */
function trim(candidate: string): string {
  let text = candidate.replace(TRAILING, "");
  const rest = candidate.slice(text.length);
  for (const char of rest) {
    const opened = text.split("(").length - text.split(")").length;
    if (char === ")" && opened > 0) text += char;
    else break;
  }
  return text;
}

/** http, https and mailto only: `javascript:` and the like are never made into links. */
function hrefOf(text: string): string | undefined {
  const raw =
    text.includes("@") && !/^(https?:|www\.)/i.test(text)
      ? `mailto:${text}`
      : /^www\./i.test(text)
        ? `https://${text}`
        : text;
  try {
    const url = new URL(raw);
    return ["http:", "https:", "mailto:"].includes(url.protocol)
      ? url.href
      : undefined;
  } catch {
    return undefined;
  }
}

/** Plain text cut into text and links; nothing in it is ever read as HTML. */
export function linkPieces(body: string): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  for (const match of body.matchAll(LINKS)) {
    const text = trim(match[0]);
    const href = hrefOf(text);
    if (!href) continue;
    if (match.index > at) pieces.push(body.slice(at, match.index));
    pieces.push({ href, text });
    at = match.index + text.length;
  }
  if (at < body.length) pieces.push(body.slice(at));
  return pieces;
}

/**
 * A message's text as written: line breaks kept (CSS pre-wrap), addresses clickable, everything
 * else shown as text by React, so markup in a message is seen, never run.
 */
export function MessageText({ body }: { body: string }) {
  const nodes: ReactNode[] = linkPieces(body).map((piece, i) =>
    typeof piece === "string" ? (
      piece
    ) : (
      <a
        key={i}
        href={piece.href}
        rel="noopener noreferrer nofollow ugc"
        target="_blank"
      >
        {piece.text}
      </a>
    ),
  );
  return <div className="message-body">{nodes}</div>;
}
