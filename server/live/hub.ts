import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyBaseLogger } from "fastify";
import type { Database, Listener } from "../db/client.js";
import type { Actor } from "../http/route.js";
import type { EventIds, LiveRepo } from "./repo.js";
import { opening } from "./resume.js";
import { format, HEARTBEAT, toEvents } from "./sse.js";
import { createWatermark } from "./watermark.js";

/** The channel the trigger on ticket_events notifies (migrations/0007_messages.sql). */
const CHANNEL = "ticket_events";

/** One open stream. `recheck` asks again who is calling: a disabled person's stream ends. */
export type LiveClient = {
  actor: Actor;
  write(chunk: string): void;
  end(): void;
  recheck(): Promise<Actor | null>;
};

export type LiveOptions = {
  /** Comment lines that keep proxies from closing an idle stream; at most 25 s apart. */
  heartbeatMs?: number;
  /** How long a missing event id may hold the watermark back (see watermark.ts). */
  holeMs?: number;
  /** A resume that would replay more events than this gets `reset` instead. */
  replayMax?: number;
};

/**
 * One LISTEN connection per process, fanned out to every open stream with each person's filter.
 * Notifications are handled one at a time, in the order PostgreSQL delivers them (commit order).
 */
export function createLiveHub(
  listen: Database["listen"],
  repo: LiveRepo,
  log: FastifyBaseLogger,
  { heartbeatMs = 20_000, holeMs = 10_000, replayMax = 500 }: LiveOptions = {},
) {
  const clients = new Set<LiveClient>();
  const watermark = createWatermark(holeMs);
  const stop = new AbortController();
  let listening: Promise<Listener> | undefined;
  let queue = Promise.resolve();

  /** Runs `task` after every task before it, so events keep their order. */
  const enqueue = (task: () => Promise<void>) =>
    (queue = queue.then(task).catch((error: unknown) => {
      if (!stop.signal.aborted) log.error({ err: error }, "live update failed");
    }));

  function ready(): Promise<Listener> {
    listening ??= (async () => {
      const listener = await listen(CHANNEL, onNotify, onLost);
      // Events committed from here on are notified; everything up to now is known.
      watermark.reset(await repo.latestId());
      return listener;
    })();
    listening.catch(() => (listening = undefined));
    return listening;
  }

  function onNotify(payload: string) {
    enqueue(async () => {
      if (stop.signal.aborted) return;
      const named = JSON.parse(payload) as EventIds;
      const ids = "ids" in named ? named.ids : range(named.from, named.to);
      if (clients.size === 0) return watermark.see(ids);
      const rows = await repo.named(named).catch((error: unknown) => {
        log.error({ err: error }, "live updates: cannot read new events");
        resetAll();
        return [];
      });
      watermark.see(ids);
      for (const client of clients) send(client, toEvents(rows, client.actor));
    });
  }

  /** Tells every stream that it may have missed events: refetch everything. */
  function resetAll() {
    for (const client of clients)
      client.write(format("reset", {}, watermark.value));
  }

  function send(client: LiveClient, events: ReturnType<typeof toEvents>) {
    // Only the last event carries an id: a stream cut between two resumes before the first.
    events.forEach(({ event, data }, i) =>
      client.write(
        format(
          event,
          data,
          i === events.length - 1 ? watermark.value : undefined,
        ),
      ),
    );
  }

  let reconnecting = false;
  function onLost(error: Error) {
    if (stop.signal.aborted || reconnecting) return;
    log.warn(
      { err: error },
      "live updates: lost the LISTEN connection; reconnecting",
    );
    listening = undefined;
    void reconnect();
  }

  /** Until it is back; then every stream gets `reset`, since notifications were missed meanwhile. */
  async function reconnect() {
    reconnecting = true;
    for (
      let delay = 250;
      !stop.signal.aborted;
      delay = Math.min(delay * 2, 5000)
    ) {
      try {
        await ready();
        reconnecting = false;
        enqueue(async () => resetAll());
        log.info("live updates: listening again");
        return;
      } catch {
        await sleep(delay, undefined, { signal: stop.signal }).catch(() => {});
      }
    }
  }

  const heartbeat = setInterval(() => {
    watermark.expire();
    void listening?.then((listener) =>
      listener.ping().catch((error: Error) => {
        void listener.close().catch(() => {});
        onLost(error);
      }),
    );
    for (const client of clients) {
      client.write(HEARTBEAT);
      client.recheck().then(
        (actor) => (actor ? (client.actor = actor) : client.end()),
        () => {},
      );
    }
  }, heartbeatMs);
  heartbeat.unref();

  return {
    /** Resolves once this process listens; rejects when the database cannot be reached. */
    ready: async () => void (await ready()),

    /** Adds a stream (after `ready`); the returned function removes it. */
    connect(client: LiveClient, lastEventId?: string): () => void {
      let gone = false;
      enqueue(async () => {
        if (gone || stop.signal.aborted) return;
        const mark = watermark.value;
        const chunks = await opening(repo, client.actor, lastEventId, {
          mark,
          replayMax,
        });
        chunks.forEach((chunk) => client.write(chunk));
        if (!gone) clients.add(client);
      });
      return () => {
        gone = true;
        clients.delete(client);
      };
    },

    /** Ends every stream and the LISTEN connection, without waiting for a database that is gone. */
    async close() {
      stop.abort();
      clearInterval(heartbeat);
      for (const client of clients) client.end();
      clients.clear();
      const listener = listening?.catch(() => undefined);
      listening = undefined;
      await Promise.race([
        listener?.then((l) => l?.close()).catch(() => {}),
        sleep(1000, undefined, { ref: false }),
      ]);
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;

function* range(from: number, to: number) {
  for (let id = from; id <= to; id++) yield id;
}
