import 'server-only';
import crypto from 'node:crypto';
import { errorSummary, log } from '@/lib/log';
import { singleton } from '@/lib/singleton';

// A background loop that polls the database for work: one round, then (when the round found
// nothing) a wait of `intervalMs` that a wake-up cuts short. Stopping lets the round in progress
// finish. One loop per process, whichever bundle starts it.

export interface PollerOptions {
  /** Names the loop in ids and logs ('outbox', 'ingestion'). */
  name: string;
  /** Prefix of the id that claims rows, unique per process and start. */
  idPrefix: string;
  intervalMs: number;
  /** One round; true when it did work and should look again at once, false to wait. */
  round: (ctx: { workerId: string; stillRunning: () => boolean }) => Promise<boolean>;
}

export interface Poller {
  /** The id this process claims work under. */
  id(): string;
  start(): void;
  /** Stops the loop and waits for the round in progress. */
  stop(): Promise<void>;
  /** Looks for work now, instead of at the end of the wait. */
  wake(): void;
}

interface LoopState {
  id: string;
  running: boolean;
  wake?: () => void;
  loop?: Promise<void>;
}

export function poller(opts: PollerOptions): Poller {
  const state = () =>
    singleton<LoopState>(`fixlinePoller:${opts.name}`, () => ({
      running: false,
      id: `${opts.idPrefix}-${process.pid}-${crypto.randomUUID().slice(0, 8)}`,
    }));

  async function run(s: LoopState): Promise<void> {
    while (s.running) {
      let worked = false;
      try {
        worked = await opts.round({ workerId: s.id, stillRunning: () => s.running });
      } catch (error) {
        log().error({ err: errorSummary(error) }, `${opts.name} worker error`);
      }
      if (worked || !s.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, opts.intervalMs);
        s.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  return {
    id: () => state().id,
    start() {
      const s = state();
      if (s.running) return;
      s.running = true;
      s.loop = run(s);
    },
    async stop() {
      const s = state();
      s.running = false;
      s.wake?.();
      await s.loop;
    },
    wake() {
      state().wake?.();
    },
  };
}
