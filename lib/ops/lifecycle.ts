import 'server-only';
import { log } from '@/lib/log';
import { singleton } from '@/lib/singleton';

type Hook = { name: string; run: () => Promise<void> | void };

interface Lifecycle {
  shuttingDown: boolean;
  hooks: Hook[];
  installed: boolean;
}

function state(): Lifecycle {
  return singleton<Lifecycle>('fixlineLifecycle', () => ({ shuttingDown: false, hooks: [], installed: false }));
}

export function isShuttingDown(): boolean {
  return state().shuttingDown;
}

/** Runs on shutdown, newest first (so open streams are checkpointed before the database closes). */
export function onShutdown(name: string, run: Hook['run']): void {
  state().hooks.unshift({ name, run });
}

const GRACE_MS = 10_000;

export async function shutdown(signal: string): Promise<void> {
  const s = state();
  if (s.shuttingDown) return;
  s.shuttingDown = true;
  log().info({ signal }, 'shutting down: checkpointing open work');
  const deadline = setTimeout(() => {
    log().error('shutdown grace period over: exiting');
    process.exit(1);
  }, GRACE_MS);
  deadline.unref();
  for (const hook of s.hooks) {
    try {
      await hook.run();
    } catch (error) {
      log().error({ hook: hook.name, err: (error as Error).message }, 'shutdown hook failed');
    }
  }
  log().info('shutdown complete');
}

/** Installs SIGTERM/SIGINT handlers once (production server; `next dev` handles signals itself). */
export function installSignalHandlers(): void {
  const s = state();
  if (s.installed) return;
  s.installed = true;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      void shutdown(signal).finally(() => process.exit(0));
    });
  }
}
