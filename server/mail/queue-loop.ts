/**
 * The loop behind the outbox worker and the inbound processor: do a round of work; when a round
 * found nothing, sleep until a NOTIFY on `channel`, a poke from this process, the poll interval or
 * the next due time, whichever comes first. A wake-up that arrives mid-round is not lost.
 */
import type { FastifyBaseLogger } from "fastify";
import type { Database, Listener } from "../db/client.js";

type Options = {
  channel: string;
  listen: Database["listen"];
  pollMs: number;
  /** One round: returns how many items it handled (0: go to sleep). */
  round: () => Promise<number>;
  /** When the next item falls due, if known (a retry's time). */
  nextDue?: () => Promise<Date | undefined>;
  log: FastifyBaseLogger;
};

export function startQueueLoop(options: Options) {
  const { log } = options;
  let stopped = false;
  let listener: Listener | undefined;
  let signalled = false;
  let endSleep: (() => void) | undefined;
  const wake = () => {
    signalled = true;
    endSleep?.();
  };

  async function ensureListening(): Promise<void> {
    if (listener || stopped) return;
    try {
      listener = await options.listen(options.channel, wake, () => {
        listener = undefined;
      });
    } catch (error) {
      log.warn({ err: error }, `no LISTEN ${options.channel}; polling only`);
    }
  }

  async function sleep(): Promise<void> {
    let ms = options.pollMs;
    const due = await options.nextDue?.().catch(() => undefined);
    if (due) ms = Math.max(10, Math.min(ms, due.getTime() - Date.now() + 5));
    if (signalled || stopped) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      endSleep = resolve;
      timer = setTimeout(resolve, ms);
    });
    clearTimeout(timer);
    endSleep = undefined;
  }

  async function run(): Promise<void> {
    while (!stopped) {
      await ensureListening();
      signalled = false;
      let handled = 0;
      try {
        handled = await options.round();
      } catch (error) {
        log.error({ err: error }, `${options.channel}: a round failed`);
      }
      if (handled === 0 && !stopped) await sleep();
    }
  }

  const running = run();
  return {
    poke: wake,
    async close(): Promise<void> {
      stopped = true;
      wake();
      await running;
      await listener?.close().catch(() => {});
    },
  };
}
