/**
 * What the desk writes, as plain text and as simple HTML (the HTML is the text, escaped, in a
 * paragraph per block: no images, no tracking, nothing remote).
 */
import type { OutboundKind } from "../db/schema.js";

export type MailContext = {
  kind: OutboundKind;
  ticket: { id: number; title: string };
  recipientName: string;
  actorName: string | null;
  /** The agent's message, for a reply. */
  body: string | null;
  deskName: string;
  ticketUrl: string;
};

export type Rendered = { subject: string; text: string; html: string };

const REPLY_HINT =
  "Reply to this e-mail to add to the request; your answer goes to the same ticket.";

/** Blocks of text: paragraphs separated by blank lines, the first of them the mail's own words. */
function blocks(context: MailContext): string[] {
  const { ticket, recipientName, actorName, deskName, ticketUrl } = context;
  const number = `#${ticket.id}`;
  switch (context.kind) {
    case "reply":
      return [
        context.body ?? "",
        `${actorName ?? deskName}\n${deskName}`,
        `Ticket ${number}: ${ticketUrl}\n${REPLY_HINT}`,
      ];
    case "resolved":
      return [
        `Hello ${recipientName},`,
        `Your request "${ticket.title}" (${number}) has been resolved${actorName ? ` by ${actorName}` : ""}.`,
        "If something is still not right, reply to this e-mail and the ticket opens again.",
        `${deskName}\n${ticketUrl}`,
      ];
    case "assigned":
      return [
        `${actorName ?? "Someone"} assigned ticket ${number} to you: "${ticket.title}".`,
        `Open it: ${ticketUrl}`,
      ];
    case "acknowledgement":
      return [
        `Hello ${recipientName},`,
        `We have your message and opened ticket ${number} for it: "${ticket.title}". We will answer by e-mail.`,
        REPLY_HINT,
        `${deskName}\n${ticketUrl}`,
      ];
  }
}

export function render(context: MailContext, isReply: boolean): Rendered {
  const parts = blocks(context);
  const subject = `${isReply ? "Re: " : ""}${context.ticket.title} [#${context.ticket.id}]`;
  const text = `${parts.join("\n\n")}\n`;
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a">',
    ...parts.map(
      (part, index) =>
        `<p${index === parts.length - 1 ? ' style="color: #555; font-size: 0.9em"' : ""}>${linkify(escapeHtml(part)).replaceAll("\n", "<br>")}</p>`,
    ),
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Makes the desk's own https?:// links clickable (already escaped text: no quotes or brackets inside). */
function linkify(escaped: string): string {
  return escaped.replace(
    /\bhttps?:\/\/[^\s<&]+/g,
    (url) => `<a href="${url}">${url}</a>`,
  );
}
