import 'server-only';
import { dbDriver, migrationStatus, pingDb } from '@/db';
import { env } from '@/lib/env';
import { pingModelApi } from '@/lib/llm';
import { singleton } from '@/lib/singleton';
import { isShuttingDown } from './lifecycle';
import { store } from '@/lib/store';

export type CheckStatus = 'ok' | 'embedded' | 'not configured' | 'degraded' | 'error';
export interface Check {
  status: CheckStatus;
  message?: string;
  mode?: string;
  latencyMs?: number;
}

type Probe = () => Promise<Check>;
const probes = () => singleton('fixlineProbes', () => new Map<string, Probe>());

/** Other domains (model API, SMTP, outbox) add their checks here. */
export function registerHealthCheck(name: 'openai' | 'smtp' | 'outbox' | 'ingestion', probe: Probe): void {
  probes().set(name, probe);
}

async function timed(probe: Probe, timeoutMs = 3_000): Promise<Check> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      probe(),
      new Promise<Check>((resolve) => {
        timer = setTimeout(() => resolve({ status: 'error', message: `no answer within ${timeoutMs} ms` }), timeoutMs);
      }),
    ]);
    return { ...result, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'error', message: (error as Error).message, latencyMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

async function databaseCheck(): Promise<Check> {
  return timed(async () => {
    await pingDb();
    return { status: 'ok', mode: dbDriver() === 'pg' ? 'postgres' : 'embedded' };
  });
}

export async function healthReport() {
  const settings = env();
  const registered = probes();
  const fallback =
    (name: string, configured: boolean): Probe =>
    async () =>
      configured ? { status: 'ok', message: `${name} configured` } : { status: 'not configured' };
  const [database, redis, openai, smtp, ...extra] = await Promise.all([
    databaseCheck(),
    timed(async () => store().health()),
    timed(registered.get('openai') ?? pingModelApi),
    timed(registered.get('smtp') ?? fallback('SMTP', settings.smtpConfigured)),
    ...[...registered.entries()].filter(([n]) => n !== 'openai' && n !== 'smtp').map(async ([n, p]) => [n, await timed(p)] as const),
  ]);
  const checks: Record<string, Check> = { database, redis, openai, smtp, ...Object.fromEntries(extra as [string, Check][]) };
  const down = database.status === 'error' || isShuttingDown();
  const degraded = Object.values(checks).some((c) => c.status === 'error' || c.status === 'degraded');
  return {
    httpStatus: down ? 503 : 200,
    body: { status: down ? 'error' : degraded ? 'degraded' : 'ok', timestamp: new Date().toISOString(), checks },
  };
}

export async function readiness() {
  if (isShuttingDown()) return { ready: false, reason: 'shutting down' };
  const db = await databaseCheck();
  if (db.status !== 'ok') return { ready: false, reason: `database: ${db.message ?? db.status}` };
  const { expected, applied } = await migrationStatus();
  if (applied < expected) return { ready: false, reason: `migrations pending (${applied}/${expected} applied)` };
  return { ready: true };
}
