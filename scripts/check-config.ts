// npm run check-config – prints every setting (secrets masked) and tests each configured connection.
import { ConfigError, env, type Env } from '@/lib/env';

const SECRET = /SECRET|PASSWORD|API_KEY/;

function mask(name: string, value: unknown): string {
  if (value === undefined || value === '') return '(not set)';
  const text = Array.isArray(value) ? value.join(',') : String(value);
  if (SECRET.test(name)) return text.length <= 4 ? '****' : `${text.slice(0, 2)}****${text.slice(-2)} (${text.length} chars)`;
  if (/_URL$/.test(name)) return text.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:****@');
  return text;
}

async function probe(name: string, run: () => Promise<string>): Promise<boolean> {
  try {
    console.log(`  ✓ ${name}: ${await run()}`);
    return true;
  } catch (error) {
    console.log(`  ✗ ${name}: ${(error as Error).message}`);
    return false;
  }
}

async function main() {
  let settings: Env;
  try {
    settings = env();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  console.log('Settings:');
  const names = Object.keys(settings)
    .filter((k) => k === k.toUpperCase())
    .sort();
  for (const name of names) console.log(`  ${name.padEnd(24)} ${mask(name, settings[name as keyof Env])}`);

  console.log('\nConnectivity:');
  const { pingDb, closeDb, dbDriver, migrationStatus } = await import('@/db');
  const { store, closeStore } = await import('@/lib/store');
  const { pingModelApi } = await import('@/lib/llm');
  const { verifySmtp } = await import('@/lib/email/transport');
  const results = await Promise.all([
    probe('database', async () => {
      await pingDb();
      const m = await migrationStatus();
      return `${dbDriver() === 'pg' ? 'Postgres reachable' : `embedded under ${settings.dataDir}/pgdata`}; migrations ${m.applied}/${m.expected}`;
    }),
    probe('redis', async () => {
      if (!settings.REDIS_URL) return 'not configured (in-process store, single instance)';
      await new Promise((r) => setTimeout(r, 300));
      const h = await store().health();
      if (h.status !== 'ok') throw new Error(h.message ?? h.status);
      return 'reachable';
    }),
    probe('model API', async () => {
      const r = await pingModelApi();
      if (r.status === 'degraded') throw new Error(r.message ?? 'unreachable');
      return r.status === 'not configured' ? 'not configured (manuals-only answers)' : `reachable (${settings.OPENAI_MODEL})`;
    }),
    probe('smtp', async () => {
      if (!settings.smtpConfigured) return `not configured (mail written to ${settings.dataDir}/outbox)`;
      await verifySmtp();
      return `${settings.SMTP_SERVER}:${settings.SMTP_PORT ?? 'default port'} accepted the connection`;
    }),
  ]);
  await closeStore();
  await closeDb();
  const failed = results.filter((ok) => !ok).length;
  console.log(failed ? `\n${failed} check(s) failed.` : '\nAll checks passed.');
  process.exit(failed ? 1 : 0);
}

void main();
