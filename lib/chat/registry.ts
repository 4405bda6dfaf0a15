import 'server-only';
import { errorSummary, log } from '@/lib/log';
import { onShutdown } from '@/lib/ops/lifecycle';
import { metrics } from '@/lib/ops/metrics';
import { singleton } from '@/lib/singleton';

export type StopReason = 'stopped' | 'shutdown' | 'detached';

interface Running {
  controller: AbortController;
  reason?: StopReason;
  done: Promise<void>;
}

function running(): Map<string, Running> {
  return singleton('fixlineGenerations', () => {
    // On shutdown every open answer is checkpointed as "interrupted" before the database closes.
    onShutdown('chat generations', async () => {
      const all = [...running().values()];
      if (all.length) log().info({ count: all.length }, 'interrupting open answers');
      for (const r of all) stopLocal(r, 'shutdown');
      await Promise.allSettled(all.map((r) => r.done));
    });
    return new Map<string, Running>();
  });
}

function stopLocal(r: Running, reason: StopReason) {
  if (r.controller.signal.aborted) return;
  r.reason = reason;
  r.controller.abort(reason);
}

/** Runs one answer in the background, independent of any HTTP connection. */
export function launch(messageId: string, run: (signal: AbortSignal, reason: () => StopReason | undefined) => Promise<void>): void {
  const controller = new AbortController();
  const entry: Running = { controller, done: Promise.resolve() };
  running().set(messageId, entry);
  metrics().activeStreams.inc();
  entry.done = run(controller.signal, () => entry.reason)
    .catch((error) => log().error({ err: errorSummary(error), messageId }, 'answer generation crashed'))
    .finally(() => {
      running().delete(messageId);
      metrics().activeStreams.dec();
    });
}

export function stop(messageId: string, reason: StopReason): boolean {
  const r = running().get(messageId);
  if (!r) return false;
  stopLocal(r, reason);
  return true;
}

/** Resolves when the answer's background task has finished (tests and shutdown). */
export async function settled(messageId: string): Promise<void> {
  await running().get(messageId)?.done;
}
