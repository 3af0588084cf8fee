/**
 * The signed tokens that tie mail to a ticket: in the Message-IDs we send (replies quote them in
 * In-Reply-To / References) and in the Reply-To plus-address. Only the desk, holding the key, can
 * make a token that names a ticket, so a stranger cannot attach mail to a ticket by guessing.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

const SIGNATURE_HEX = 16;

export type MailIdentity = { address: string; name?: string };

function sign(key: string, text: string): string {
  return createHmac("sha256", key)
    .update(text)
    .digest("hex")
    .slice(0, SIGNATURE_HEX);
}

function verify(key: string, text: string, signature: string): boolean {
  const expected = Buffer.from(sign(key, text));
  const given = Buffer.from(signature.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function split(address: string) {
  const at = address.lastIndexOf("@");
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
}

export function mailTokens(key: string, from: MailIdentity) {
  const { local, domain } = split(from.address);
  const messageIdPattern = new RegExp(
    `^<?td\\.(\\d+)\\.(\\d+)\\.([0-9a-f]{${SIGNATURE_HEX}})@`,
    "i",
  );
  const ourShape = new RegExp(
    `^<?td\\.[^@\\s]+@${escapeRegExp(domain)}>?$`,
    "i",
  );
  const plusPattern = new RegExp(
    `^${escapeRegExp(local)}\\+t(\\d+)-([0-9a-f]{${SIGNATURE_HEX}})@${escapeRegExp(domain)}$`,
    "i",
  );
  return {
    domain,
    /** `<td.<mail id>.<ticket id>.<signature>@<domain of MAIL_FROM>>`. */
    messageId(mailId: number | string, ticketId: number): string {
      return `<td.${mailId}.${ticketId}.${sign(key, `${mailId}.${ticketId}`)}@${domain}>`;
    },
    /** The ticket a Message-ID of ours names, or undefined for anyone else's (or a forged one). */
    ticketOfMessageId(messageId: string): number | undefined {
      const match = messageIdPattern.exec(messageId.trim());
      if (!match || !verify(key, `${match[1]}.${match[2]}`, match[3]!))
        return undefined;
      return Number(match[2]);
    },
    /** Whether a Message-ID has our shape and domain, signed or not: mail that claims to be ours. */
    looksOurs(messageId: string): boolean {
      return ourShape.test(messageId.trim());
    },
    /** `support+t<ticket id>-<signature>@example.com`: replies to it land on the ticket. */
    replyAddress(ticketId: number): string {
      return `${local}+t${ticketId}-${sign(key, `reply:${ticketId}`)}@${domain}`;
    },
    ticketOfAddress(address: string): number | undefined {
      const match = plusPattern.exec(address.trim());
      if (!match || !verify(key, `reply:${match[1]}`, match[2]!))
        return undefined;
      return Number(match[1]);
    },
    /** The desk's own address, plus-addressed or not. */
    isOurAddress(address: string): boolean {
      const other = split(address.trim().toLowerCase());
      return (
        other.domain === domain.toLowerCase() &&
        (other.local === local.toLowerCase() ||
          other.local.startsWith(`${local.toLowerCase()}+`))
      );
    },
  };
}

export type MailTokens = ReturnType<typeof mailTokens>;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
