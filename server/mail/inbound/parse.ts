/**
 * One raw message read into what the desk keeps: sender, recipients, threading ids, the reply apart
 * from the quoted history, the HTML sanitised, the attachments, and whether it was written by a
 * machine (the loop rules of DESIGN.md).
 */
import EmailReplyParser from "email-reply-parser";
import { convert } from "html-to-text";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import sanitizeHtml from "sanitize-html";
import { hasVisibleText, trimText } from "../../../contract/text.js";
import type { MailTokens } from "../tokens.js";

export type Mailbox = { address: string; name?: string };

export type InboundMail = {
  messageId?: string;
  /** In-Reply-To, then References newest first: the ids to look for a thread under. */
  threadIds: string[];
  from?: Mailbox;
  /** To and Cc addresses, lower-case. */
  recipients: string[];
  subject: string;
  /** What the person wrote in this mail, without the quoted history. */
  reply: string;
  quoted: string;
  safeHtml?: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  /** Why the mail counts as automatic (never answered, never reopens), or undefined for a person's. */
  automatic?: string;
};

const TEXT_MAX = 100_000;

export async function parseInbound(
  raw: Buffer,
  tokens: MailTokens,
): Promise<InboundMail> {
  const mail = await simpleParser(raw, {
    skipImageLinks: true,
    skipTextToHtml: true,
  });
  const from = firstAddress(mail.from);
  // HTML-only mail (some clients send no text part): the text is read from the HTML.
  const plain = hasVisibleText(mail.text ?? "")
    ? mail.text!
    : mail.html
      ? htmlText(mail.html)
      : "";
  const text = plain.replace(/\r\n/g, "\n").slice(0, TEXT_MAX);
  const parsed = new EmailReplyParser().read(text);
  const reply = trimText(parsed.getVisibleText());
  return {
    messageId: normaliseId(mail.messageId),
    threadIds: threadIds(mail),
    from,
    recipients: [...addresses(mail.to), ...addresses(mail.cc)],
    subject: trimText(mail.subject ?? ""),
    // A reply parser that finds nothing but quotes (a top-posted "see below") keeps the whole text.
    reply: hasVisibleText(reply) ? reply : trimText(text),
    quoted: parsed.getQuotedText(),
    safeHtml: mail.html ? sanitise(mail.html) : undefined,
    attachments: mail.attachments
      .filter((a) => a.contentDisposition !== "inline" || !a.related)
      .map((a) => ({
        filename: cleanFilename(a.filename),
        contentType: a.contentType || "application/octet-stream",
        content: a.content,
      })),
    automatic: automaticReason(mail, from, tokens),
  };
}

/** The loop rules: mail marked or shaped as written by a machine, or our own mail coming back. */
function automaticReason(
  mail: ParsedMail,
  from: Mailbox | undefined,
  tokens: MailTokens,
): string | undefined {
  const header = (name: string) =>
    mail.headerLines
      .filter((h) => h.key === name)
      .map((h) => h.line.slice(h.line.indexOf(":") + 1).trim());
  const first = (name: string) => header(name)[0]?.toLowerCase();
  const autoSubmitted = first("auto-submitted");
  if (autoSubmitted && !autoSubmitted.startsWith("no"))
    return `automatic (Auto-Submitted: ${autoSubmitted})`;
  const precedence = first("precedence");
  if (precedence && /^(bulk|junk|list|auto_reply)/.test(precedence))
    return `automatic (Precedence: ${precedence})`;
  const autoreply = mail.headerLines.find((h) =>
    /^x-(autoreply|autorespond|auto-reply|autoresponder|mail-autoreply|autoreply-from)$/.test(
      h.key,
    ),
  );
  if (autoreply) return `automatic (${autoreply.key})`;
  const list = mail.headerLines.find((h) => h.key.startsWith("list-"));
  if (list) return `mailing list (${list.key})`;
  const returnPath = header("return-path");
  if (returnPath.some((value) => /^<\s*>$/.test(value)))
    return "automatic (empty Return-Path)";
  const contentType = first("content-type") ?? "";
  if (
    /multipart\/report/.test(contentType) ||
    /^(mailer-daemon|postmaster)@/i.test(from?.address ?? "")
  )
    return "delivery report";
  const messageId = normaliseId(mail.messageId);
  if (messageId && tokens.looksOurs(messageId)) return "our own mail";
  if (from && tokens.isOurAddress(from.address)) return "our own address";
  return undefined;
}

function htmlText(html: string): string {
  return convert(html.slice(0, 4 * TEXT_MAX), {
    wordwrap: false,
    selectors: [
      { selector: "img", format: "skip" },
      { selector: "a", options: { ignoreHref: true } },
    ],
  });
}

function sanitise(html: string): string {
  return sanitizeHtml(html.slice(0, 2 * TEXT_MAX), {
    allowedSchemes: ["http", "https", "mailto"],
    disallowedTagsMode: "discard",
  });
}

function normaliseId(id: string | undefined): string | undefined {
  const trimmed = id?.trim();
  if (!trimmed) return undefined;
  return trimmed.startsWith("<") ? trimmed : `<${trimmed}>`;
}

function threadIds(mail: ParsedMail): string[] {
  const references =
    typeof mail.references === "string"
      ? mail.references.split(/\s+/)
      : (mail.references ?? []);
  const ids = [mail.inReplyTo, ...[...references].reverse()]
    .map((id) => normaliseId(id))
    .filter((id): id is string => id !== undefined);
  return [...new Set(ids)].slice(0, 50);
}

function list(value: AddressObject | AddressObject[] | undefined) {
  return (Array.isArray(value) ? value : value ? [value] : []).flatMap(
    (group) => group.value,
  );
}

function addresses(value: AddressObject | AddressObject[] | undefined) {
  return list(value)
    .flatMap((a) => [a.address, ...(a.group ?? []).map((g) => g.address)])
    .filter((a): a is string => Boolean(a))
    .map((a) => a.toLowerCase());
}

function firstAddress(value: AddressObject | undefined): Mailbox | undefined {
  const [first] = list(value);
  if (!first?.address) return undefined;
  const name = trimText(first.name ?? "");
  return {
    address: first.address.toLowerCase(),
    ...(hasVisibleText(name) && { name: name.slice(0, 100) }),
  };
}

function cleanFilename(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is being removed
  const base = trimText((name ?? "").replace(/[\\/\0-\x1f]/g, "_")).slice(
    0,
    255,
  );
  return hasVisibleText(base) ? base : "attachment";
}
