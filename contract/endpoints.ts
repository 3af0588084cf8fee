/**
 * Every endpoint of the API, once: the server registers its routes from this table, the OpenAPI
 * document is generated from it, the web client calls through it and the access tests walk it.
 */
import { type z } from "zod";
import { ClassifyRequest, ClassifyResponse } from "./classify.js";
import { ApiErrorBody } from "./errors.js";
import { TicketEventList } from "./events.js";
import { Health } from "./health.js";
import {
  AttachmentId,
  Delivery,
  DeliveryId,
  InboundStored,
  DeliveryList,
  MailSettings,
  OutboxQuery,
  TestMail,
  TestMailSent,
  TicketMail,
} from "./mail.js";
import { CreateMessage, Message, MessageList } from "./messages.js";
import { QualityQuery, TriageQuality } from "./triage.js";
import {
  AcceptInvite,
  ApiTokenList,
  CreatedToken,
  CreatedUser,
  CreateToken,
  CreateUser,
  Login,
  SetupStatus,
  Setup,
  Signup,
  TokenId,
  UpdateUser,
  UserId,
  UserList,
  UserQuery,
  UserReply,
} from "./people.js";
import {
  CreateTicket,
  ListQuery,
  Stats,
  Ticket,
  TicketFilters,
  TicketId,
  TicketList,
  UpdateTicket,
} from "./tickets.js";

/**
 * Who may call: `anyone` (no sign-in), `user` (any signed-in person; row rules in the handler),
 * `agent` (agents and admins), `admin`.
 */
export type Access = "anyone" | "user" | "agent" | "admin";

export type Endpoint = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: `/api/${string}`;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success status and its body (none for 204). */
  status: 200 | 201 | 204;
  response?: z.ZodType;
  /** The error statuses this endpoint answers besides 401/403 from its access rule. */
  errors: readonly number[];
  /** The body of those errors when it is not the usual `{error, fields?, detail?}`. */
  errorResponse?: z.ZodType;
  /** The success answer is a stream that stays open (Server-Sent Events), not one body. */
  stream?: true;
};

const endpoint = <const E extends Endpoint>(e: E) => e;

export const endpoints = {
  health: endpoint({
    method: "GET",
    path: "/api/health",
    summary: "Whether the service and its database are up",
    tag: "health",
    access: "anyone",
    status: 200,
    response: Health,
    errors: [503],
    // The database down: the same report. The service shutting down: the usual error body.
    errorResponse: Health.or(ApiErrorBody),
  }),

  login: endpoint({
    method: "POST",
    path: "/api/auth/login",
    summary: "Sign in with email and password; sets the session cookie",
    tag: "auth",
    access: "anyone",
    body: Login,
    status: 200,
    response: UserReply,
    errors: [400, 401, 429],
  }),
  logout: endpoint({
    method: "POST",
    path: "/api/auth/logout",
    summary:
      "Sign out: the session ends on the server and the cookie is cleared",
    tag: "auth",
    access: "anyone",
    status: 204,
    errors: [],
  }),
  me: endpoint({
    method: "GET",
    path: "/api/auth/me",
    summary: "The signed-in person",
    tag: "auth",
    access: "user",
    status: 200,
    response: UserReply,
    errors: [],
  }),
  signup: endpoint({
    method: "POST",
    path: "/api/auth/signup",
    summary: "Create a requester account and sign in (when SIGNUP=open)",
    tag: "auth",
    access: "anyone",
    body: Signup,
    status: 201,
    response: UserReply,
    errors: [400, 403, 409, 429],
  }),
  setupStatus: endpoint({
    method: "GET",
    path: "/api/auth/setup",
    summary:
      "Whether the desk still needs its first admin, and whether sign-up is open",
    tag: "auth",
    access: "anyone",
    status: 200,
    response: SetupStatus,
    errors: [],
  }),
  setup: endpoint({
    method: "POST",
    path: "/api/auth/setup",
    summary:
      "Create the first admin with the one-time setup token printed at start",
    tag: "auth",
    access: "anyone",
    body: Setup,
    status: 201,
    response: UserReply,
    errors: [400, 403, 409, 429],
  }),
  acceptInvite: endpoint({
    method: "POST",
    path: "/api/auth/invite",
    summary: "Set a password with an invitation link and sign in",
    tag: "auth",
    access: "anyone",
    body: AcceptInvite,
    status: 200,
    response: UserReply,
    errors: [400, 403, 429],
  }),

  listUsers: endpoint({
    method: "GET",
    path: "/api/users",
    summary: "People: agents see agents and requesters, admins everyone",
    tag: "people",
    access: "agent",
    query: UserQuery,
    status: 200,
    response: UserList,
    errors: [400],
  }),
  createUser: endpoint({
    method: "POST",
    path: "/api/users",
    summary: "Invite or create a person",
    tag: "people",
    access: "admin",
    body: CreateUser,
    status: 201,
    response: CreatedUser,
    errors: [400, 409],
  }),
  updateUser: endpoint({
    method: "PATCH",
    path: "/api/users/:id",
    summary: "Rename, change role, disable or enable a person",
    tag: "people",
    access: "admin",
    params: UserId,
    body: UpdateUser,
    status: 200,
    response: UserReply,
    errors: [400, 404, 409],
  }),

  listTokens: endpoint({
    method: "GET",
    path: "/api/tokens",
    summary: "Your API tokens (never their secrets); admins see everyone's",
    tag: "tokens",
    access: "user",
    status: 200,
    response: ApiTokenList,
    errors: [],
  }),
  createToken: endpoint({
    method: "POST",
    path: "/api/tokens",
    summary: "Create an API token; its secret is shown in this reply only",
    tag: "tokens",
    access: "user",
    body: CreateToken,
    status: 201,
    response: CreatedToken,
    errors: [400],
  }),
  revokeToken: endpoint({
    method: "DELETE",
    path: "/api/tokens/:id",
    summary: "Revoke a token (your own; admins: anyone's)",
    tag: "tokens",
    access: "user",
    params: TokenId,
    status: 204,
    errors: [400, 404],
  }),

  createTicket: endpoint({
    method: "POST",
    path: "/api/tickets",
    summary: "File a ticket (agents may file it for a requester by email)",
    tag: "tickets",
    access: "user",
    body: CreateTicket,
    status: 201,
    response: Ticket,
    errors: [400, 413],
  }),
  listTickets: endpoint({
    method: "GET",
    path: "/api/tickets",
    summary:
      "Tickets newest first, filtered; a Link header names the next page; a search page that stopped after the newest tickets says how many it examined in Search-Scanned",
    tag: "tickets",
    access: "user",
    query: ListQuery,
    status: 200,
    response: TicketList,
    errors: [400],
  }),
  ticketStats: endpoint({
    method: "GET",
    path: "/api/tickets/stats",
    summary:
      "Counts of the tickets the caller may see, under the list's filters",
    tag: "tickets",
    access: "user",
    query: TicketFilters,
    status: 200,
    response: Stats,
    errors: [400],
  }),
  classify: endpoint({
    method: "POST",
    path: "/api/tickets/classify",
    summary: "Suggest a category and a priority for a ticket being written",
    tag: "classify",
    access: "user",
    body: ClassifyRequest,
    status: 200,
    response: ClassifyResponse,
    errors: [400, 429, 503],
  }),
  triageQuality: endpoint({
    method: "GET",
    path: "/api/triage/quality",
    summary:
      "How good the suggestions were: acceptance, accuracy, per-class precision and recall, confusion matrix",
    tag: "classify",
    access: "agent",
    query: QualityQuery,
    status: 200,
    response: TriageQuality,
    errors: [400],
  }),
  getTicket: endpoint({
    method: "GET",
    path: "/api/tickets/:id",
    summary: "One ticket",
    tag: "tickets",
    access: "user",
    params: TicketId,
    status: 200,
    response: Ticket,
    errors: [400, 404],
  }),
  updateTicket: endpoint({
    method: "PATCH",
    path: "/api/tickets/:id",
    summary: "Change a ticket (requesters: only close or reopen their own)",
    tag: "tickets",
    access: "user",
    params: TicketId,
    body: UpdateTicket,
    status: 200,
    response: Ticket,
    errors: [400, 404, 413],
  }),
  ticketEvents: endpoint({
    method: "GET",
    path: "/api/tickets/:id/events",
    summary: "A ticket's history, oldest first",
    tag: "tickets",
    access: "user",
    params: TicketId,
    status: 200,
    response: TicketEventList,
    errors: [400, 404],
  }),
  listMessages: endpoint({
    method: "GET",
    path: "/api/tickets/:id/messages",
    summary:
      "A ticket's conversation, oldest first (requesters: without internal notes)",
    tag: "conversation",
    access: "user",
    params: TicketId,
    status: 200,
    response: MessageList,
    errors: [400, 404],
  }),
  postMessage: endpoint({
    method: "POST",
    path: "/api/tickets/:id/messages",
    summary:
      "Reply on a ticket, or (agents) add an internal note; a requester's reply reopens a resolved or closed ticket",
    tag: "conversation",
    access: "user",
    params: TicketId,
    body: CreateMessage,
    status: 201,
    response: Message,
    errors: [400, 404, 413],
  }),
  ticketMail: endpoint({
    method: "GET",
    path: "/api/tickets/:id/mail",
    summary:
      "E-mail on a ticket: which messages came in by mail, and each outgoing mail's state (requesters: mail to them, without errors)",
    tag: "mail",
    access: "user",
    params: TicketId,
    status: 200,
    response: TicketMail,
    errors: [400, 404],
  }),
  attachment: endpoint({
    method: "GET",
    path: "/api/tickets/:id/attachments/:attachment",
    summary:
      "Download a file that came with a mail on the ticket (as application/octet-stream)",
    tag: "mail",
    access: "user",
    params: AttachmentId,
    status: 200,
    errors: [400, 404],
  }),
  inboundEmail: endpoint({
    method: "POST",
    path: "/api/inbound/email",
    summary:
      "Take one raw message (Content-Type: message/rfc822, Authorization: Bearer <INBOUND_TOKEN>) from a mail server or provider; stored at once, processed after",
    tag: "mail",
    access: "anyone",
    status: 200,
    response: InboundStored,
    errors: [400, 401, 404, 413, 415],
  }),
  mailSettings: endpoint({
    method: "GET",
    path: "/api/mail/settings",
    summary: "The mail settings as configured (read-only, without secrets)",
    tag: "mail",
    access: "admin",
    status: 200,
    response: MailSettings,
    errors: [],
  }),
  testMail: endpoint({
    method: "POST",
    path: "/api/mail/test",
    summary:
      "Send a test mail now (to the caller unless `to` is given); 409 when mail is not configured, 503 with the SMTP server's answer when it fails",
    tag: "mail",
    access: "admin",
    body: TestMail,
    status: 200,
    response: TestMailSent,
    errors: [400, 409, 503],
  }),
  outbox: endpoint({
    method: "GET",
    path: "/api/mail/outbox",
    summary: "Outgoing mail by state, newest first (failed by default)",
    tag: "mail",
    access: "admin",
    query: OutboxQuery,
    status: 200,
    response: DeliveryList,
    errors: [400],
  }),
  retryMail: endpoint({
    method: "POST",
    path: "/api/mail/outbox/:id/retry",
    summary: "Try a failed mail again, now",
    tag: "mail",
    access: "admin",
    params: DeliveryId,
    status: 200,
    response: Delivery,
    errors: [400, 404],
  }),

  liveEvents: endpoint({
    method: "GET",
    path: "/api/events",
    summary:
      "Live updates as Server-Sent Events (text/event-stream): `ready`, `ticket` {id, created, fields}, " +
      "`message` {ticket_id, id}, `reset` (refetch everything); a heartbeat comment every 20 s; " +
      "send Last-Event-ID to resume",
    tag: "live",
    access: "user",
    status: 200,
    stream: true,
    errors: [503],
  }),
} as const;

export type Endpoints = typeof endpoints;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives (parsed) and what a client sends (before parsing). */
export type EndpointInput<E extends Endpoint> = {
  params: Parsed<E["params"]>;
  query: Parsed<E["query"]>;
  body: Parsed<E["body"]>;
};
export type EndpointRequest<E extends Endpoint> = (E["params"] extends z.ZodType
  ? { params: z.input<E["params"]> }
  : object) &
  (E["query"] extends z.ZodType ? { query?: z.input<E["query"]> } : object) &
  (E["body"] extends z.ZodType ? { body: z.input<E["body"]> } : object);
export type EndpointOutput<E extends Endpoint> = Parsed<E["response"]>;
