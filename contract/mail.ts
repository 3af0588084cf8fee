import { z } from "zod";
import { Email, Person } from "./people.js";

export const DELIVERY_STATUSES = ["pending", "sent", "failed"] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export const MAIL_KINDS = [
  "reply",
  "resolved",
  "assigned",
  "acknowledgement",
] as const;
export const MailKind = z.enum(MAIL_KINDS);

/** One outgoing mail to one person: an agent's reply (with its message) or a notification. */
export const Delivery = z.object({
  id: z.number().int(),
  ticket_id: z.number().int(),
  kind: MailKind,
  message_id: z.number().int().nullable(),
  to: Person,
  status: DeliveryStatus,
  attempts: z.number().int(),
  created_at: z.iso.datetime({ offset: true }),
  sent_at: z.iso.datetime({ offset: true }).nullable(),
  /** When a pending mail is tried next. */
  next_attempt_at: z.iso.datetime({ offset: true }).nullable(),
  /** The last failure, as the SMTP server or the network put it (agents and admins only). */
  error: z.string().nullable(),
});
export type Delivery = z.infer<typeof Delivery>;
export const DeliveryList = z.array(Delivery);

export const Attachment = z.object({
  id: z.number().int(),
  /** The message it came with; null: the mail that opened the ticket. */
  message_id: z.number().int().nullable(),
  filename: z.string(),
  content_type: z.string(),
  size: z.number().int(),
  /** False when it was over the size limit: listed, not kept. */
  stored: z.boolean(),
});

/** What e-mail did on a ticket: the messages that came in by mail, and the mail sent out. */
export const TicketMail = z.object({
  /** Messages that came in by e-mail; `message_id` null is the mail that opened the ticket. */
  inbound: z.array(
    z.object({
      message_id: z.number().int().nullable(),
      from: z.string(),
      received_at: z.iso.datetime({ offset: true }),
    }),
  ),
  /** Mail a machine wrote on this ticket (out-of-office, bounces, lists): kept, never answered (agents only). */
  automatic: z.array(
    z.object({
      id: z.number().int(),
      from: z.string().nullable(),
      subject: z.string().nullable(),
      reason: z.string().nullable(),
      received_at: z.iso.datetime({ offset: true }),
    }),
  ),
  attachments: z.array(Attachment),
  deliveries: DeliveryList,
});
export type TicketMail = z.infer<typeof TicketMail>;

export const OutboxQuery = z.strictObject({
  status: DeliveryStatus.default("failed"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const DeliveryId = z.object({
  id: z.coerce
    .number({ error: "Mail id must be a number" })
    .int("Mail id must be a whole number")
    .positive("Mail id must be positive")
    .max(Number.MAX_SAFE_INTEGER, "Mail id is too large"),
});

export const AttachmentId = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  attachment: z.coerce
    .number({ error: "Attachment id must be a number" })
    .int("Attachment id must be a whole number")
    .positive("Attachment id must be positive")
    .max(Number.MAX_SAFE_INTEGER, "Attachment id is too large"),
});

/** The answer to a raw message posted to the inbound endpoint. */
export const InboundStored = z.object({
  /** False: a message with the same Message-ID was stored before (nothing is done twice). */
  stored: z.boolean(),
  id: z.number().int().nullable(),
});

/** The mail settings as configured (read-only; no password ever leaves the server). */
export const MailSettings = z.object({
  outbound: z.object({
    enabled: z.boolean(),
    /** SMTP_URL without its user and password. */
    smtp: z.string().nullable(),
    from: z.string().nullable(),
    /** What Reply-To looks like, for ticket 123. */
    reply_to_example: z.string().nullable(),
  }),
  inbound: z.object({
    /** IMAP_URL, each without its password. */
    imap: z.array(z.string()),
    /** Whether POST /api/inbound/email takes mail (INBOUND_TOKEN is set). */
    endpoint: z.boolean(),
    senders: z.enum(["anyone", "known"]),
    attachment_max_bytes: z.number().int(),
  }),
  public_url: z.string(),
});
export type MailSettings = z.infer<typeof MailSettings>;

export const TestMail = z.strictObject({
  /** Where to send it; the admin's own address when left out. */
  to: Email.optional(),
});
export type TestMail = z.input<typeof TestMail>;
export const TestMailSent = z.object({
  to: z.string(),
  message_id: z.string(),
});
