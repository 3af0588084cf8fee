import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import fastifyCors from "@fastify/cors";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  validatorCompiler,
} from "fastify-type-provider-zod";
import { SEARCH_SCANNED_HEADER } from "../contract/tickets.js";
import { credentialsRepo } from "./auth/credentials-repo.js";
import { peopleRoutes } from "./auth/people-routes.js";
import { registerAuth } from "./auth/plugin.js";
import { authRoutes } from "./auth/routes.js";
import { DEFAULT_THROTTLE, type ThrottleLimits } from "./auth/throttle.js";
import { usersRepo } from "./auth/users-repo.js";
import type { Classifier } from "./classify/classifier.js";
import { classifyRoutes } from "./classify/routes.js";
import { suggestionsRepo } from "./classify/suggestions-repo.js";
import type { Config } from "./config.js";
import { conversationsRepo } from "./conversations/repo.js";
import { conversationRoutes } from "./conversations/routes.js";
import type { Database, Db } from "./db/client.js";
import { healthRoutes } from "./health/routes.js";
import { registerMail, type MailConfig } from "./mail/plugin.js";
import { createLiveHub, type LiveOptions } from "./live/hub.js";
import { liveRepo } from "./live/repo.js";
import { liveRoutes } from "./live/routes.js";
import { historyRepo } from "./history/repo.js";
import { HttpError, registerErrorHandlers } from "./http/errors.js";
import { trackMethods } from "./http/method-not-allowed.js";
import { serializerCompiler } from "./http/serializer.js";
import { serverOptions, type ServerSettings } from "./http/server-options.js";
import { ticketsRepo } from "./tickets/repo.js";
import { READ_LIMITS } from "./tickets/search.js";
import { ticketRoutes } from "./tickets/routes.js";

export type AppDeps = {
  config: Pick<
    Config,
    | "corsOrigins"
    | "staticDir"
    | "classifyRateLimit"
    | "signup"
    | "sessionTtlHours"
    | "publicUrl"
  > & {
    loginThrottle?: ThrottleLimits;
    live?: LiveOptions;
    /** E-mail; off when left out. */
    mail?: MailConfig;
  } & ServerSettings;
  db: Db;
  /** The database's LISTEN, for live updates. */
  listen: Database["listen"];
  /** PostgreSQL's pool for the search's bounded index reads. */
  indexReads?: Database["indexReads"];
  classifier: Classifier;
  logger: FastifyBaseLogger;
};

const BODY_LIMIT = 1024 * 1024;

export async function buildApp({
  config,
  db,
  listen,
  indexReads,
  classifier,
  logger,
}: AppDeps) {
  const app = Fastify({
    ...serverOptions(config),
    loggerInstance: logger,
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true },
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandlers(app);
  // JSON only: any other content type is answered 415 instead of reaching validation as a string.
  app.removeContentTypeParser("text/plain");
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  await app.register(fastifyCors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    methods: ["GET", "HEAD", "POST", "PATCH", "DELETE"],
    exposedHeaders: ["link", "x-request-id", SEARCH_SCANNED_HEADER],
  });
  const users = usersRepo(db);
  const credentials = credentialsRepo(db);
  const publicOrigin = config.publicUrl && new URL(config.publicUrl).origin;
  await registerAuth(app, {
    credentials,
    trustedOrigins: [
      ...config.corsOrigins,
      ...(publicOrigin ? [publicOrigin] : []),
    ],
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new HttpError(
        429,
        `Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s`,
      ),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "Ticketdesk API",
        version: "1.0.0",
        description: "Support tickets with AI triage",
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: "/api/docs",
    staticCSP: true,
    // NOTE: its CSP has its own upgrade-insecure-requests, which makes a browser fetch the page's
    // scripts over https: the docs page would stay blank on a desk served over plain http.
    transformStaticCSP: withoutUpgradeInsecureRequests,
  });

  const addMethodNotAllowed = trackMethods(app, "/api/");
  authRoutes(app, {
    users,
    credentials,
    settings: {
      signup: config.signup,
      sessionTtlHours: config.sessionTtlHours,
      secureCookies: config.publicUrl?.startsWith("https:") ?? false,
      throttle: config.loginThrottle ?? DEFAULT_THROTTLE,
    },
  });
  peopleRoutes(app, { users, credentials, publicUrl: config.publicUrl });
  ticketRoutes(app, ticketsRepo(db, READ_LIMITS, indexReads), historyRepo(db));
  classifyRoutes(
    app,
    classifier,
    suggestionsRepo(db),
    config.classifyRateLimit,
  );
  conversationRoutes(app, conversationsRepo(db));
  const live = createLiveHub(
    listen,
    liveRepo(db),
    logger.child({ module: "live" }),
    config.live,
  );
  // preClose: open streams would otherwise hold app.close() until their clients leave.
  app.addHook("preClose", () => live.close());
  liveRoutes(app, live);
  await registerMail(app, {
    db,
    listen,
    mail: config.mail ?? { baseUrl: config.publicUrl ?? "http://localhost" },
    log: logger.child({ module: "mail" }),
    classify: (input) => classifier.classify(input),
  });
  healthRoutes(app, db, classifier);
  app.get("/api/openapi.json", { schema: { hide: true } }, async () =>
    app.swagger(),
  );
  addMethodNotAllowed();

  await serveSpa(app, config.staticDir);
  return app;
}

function withoutUpgradeInsecureRequests(policy: string): string {
  return policy
    .split(";")
    .map((directive) => directive.trim())
    .filter(
      (directive) => directive && directive !== "upgrade-insecure-requests",
    )
    .join("; ");
}

export type App = Awaited<ReturnType<typeof buildApp>>;

/** The built web app at /, with index.html for any other non-API GET so client-side routes load. */
async function serveSpa(app: FastifyInstance, staticDir = "dist/web") {
  const root = resolve(staticDir);
  const hasSpa = existsSync(resolve(root, "index.html"));
  if (hasSpa) await app.register(fastifyStatic, { root, wildcard: false });
  app.setNotFoundHandler(async (request, reply) => {
    if (hasSpa && request.method === "GET" && !request.url.startsWith("/api")) {
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    }
    throw new HttpError(404, "Not found");
  });
}
