import 'server-only';
import { dbDriver, migrationStatus, pingDb } from '@/db';
import { env } from '@/lib/env';
import { breakerStates, pingModelApi, type BreakerView } from '@/lib/llm';
import { singleton } from '@/lib/singleton';
import { isShuttingDown } from './lifecycle';
import { store } from '@/lib/store';

export type CheckStatus = 'ok' | 'embedded' | 'not configured' | 'degraded' | 'error';
export interface Check {
  status: CheckStatus;
  message?: string;
  mode?: string;
  latencyMs?: number;
  /** The model API: each model's circuit breaker (one that is not closed makes the check degraded). */
  breakers?: BreakerView[];
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

/** The model API check with its breakers: a model being skipped is a degraded model API. */
function withBreakers(check: Check): Check {
  const breakers = breakerStates();
  if (!breakers.length) return check;
  const skipped = breakers.filter((b) => b.state !== 'closed');
  if (!skipped.length || check.status !== 'ok') return { ...check, breakers };
  const which = skipped.map((b) => `${b.model} ${b.state === 'open' ? 'skipped' : 'being probed'}`).join(', ');
  return { ...check, status: 'degraded', message: `circuit breaker: ${which} after repeated failures`, breakers };
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
  const checks: Record<string, Check> = {
    database,
    redis,
    openai: withBreakers(openai),
    smtp,
    ...Object.fromEntries(extra as [string, Check][]),
  };
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
