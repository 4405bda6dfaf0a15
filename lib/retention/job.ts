import 'server-only';
import { errorSummary, log } from '@/lib/log';
import { purgeExpired } from './index';
import { RETENTION_POLICY } from './policy';

// The in-process schedule: a purge at start, then one per interval; the lock makes the instances take turns.

let timer: NodeJS.Timeout | undefined;
let running: Promise<unknown> | undefined;

function runOnce(): void {
  if (running) return;
  running = purgeExpired()
    .catch((error) => log().error({ err: errorSummary(error) }, 'retention purge failed'))
    .finally(() => {
      running = undefined;
    });
}

export function startRetentionJob(): void {
  if (timer) return;
  runOnce();
  timer = setInterval(runOnce, RETENTION_POLICY.intervalMs);
  timer.unref();
}

/** Stops the schedule and waits for a purge in progress (its batches are short). */
export async function stopRetentionJob(): Promise<void> {
  clearInterval(timer);
  timer = undefined;
  await running;
}
