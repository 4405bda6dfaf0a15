import 'server-only';
import { dbDriver, migrateDb, closeDb } from '@/db';
import { interruptStaleStreams } from '@/db/queries/chat';
import { CHAT_POLICY } from '@/lib/policies';
import { audit } from '@/lib/audit';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { dropSingleton, singleton } from '@/lib/singleton';
import { closeStore, store } from '@/lib/store';
import { createDemoAccounts, ensureAdminAccount } from './accounts';
import { onShutdown } from './lifecycle';

/** Everything the server needs before it takes requests: migrations, accounts, clean-up of dead answers. */
export function bootstrap(): Promise<void> {
  return singleton('fixlineBoot', () =>
    run().catch((error) => {
      dropSingleton('fixlineBoot');
      throw error;
    }),
  );
}

async function run(): Promise<void> {
  const settings = env();
  await migrateDb();
  log().info(
    {
      database: dbDriver() === 'pg' ? 'postgres' : `embedded (${settings.dataDir}/pgdata)`,
      store: store().mode === 'redis' ? 'redis' : 'in-process',
      model: settings.llmConfigured ? settings.OPENAI_MODEL : 'manuals-only',
      mail: settings.smtpConfigured ? 'smtp' : `files in ${settings.dataDir}/outbox`,
    },
    'fixline starting',
  );

  if (settings.ADMIN_EMAIL && settings.ADMIN_PASSWORD) {
    const { user, change } = await ensureAdminAccount({ email: settings.ADMIN_EMAIL, password: settings.ADMIN_PASSWORD });
    if (change !== 'unchanged') {
      await audit({
        action: change === 'created' ? 'user.created' : 'user.updated',
        target: { type: 'user', id: user.id },
        details: change === 'created' ? { source: 'ADMIN_EMAIL', role: 'admin' } : { source: 'ADMIN_EMAIL', password: 'changed' },
      });
    }
    // Left as the admins made it: say so, since the env file suggests otherwise.
    if (user.disabledAt) log().warn({ email: user.email }, 'the ADMIN_EMAIL account is disabled: re-enable it in the admin pages');
    if (user.role !== 'admin') log().warn({ email: user.email, role: user.role }, 'the ADMIN_EMAIL account is not an admin any more');
  }

  const demo = settings.DEMO_ACCOUNTS ?? settings.embeddedDatabase;
  if (demo) {
    const accounts = await createDemoAccounts();
    if (accounts.length) printDemoAccounts(accounts, settings.appUrl);
  }

  // One pass for answers already silent; lib/ops/workers makes a second for those that stopped just before this start.
  const interrupted = await interruptDeadAnswers();
  if (interrupted) log().warn({ count: interrupted }, 'marked answers cut off by a restart as interrupted');

  // Hooks run newest first: anything registered later (open streams, workers) checkpoints before these close.
  onShutdown('store', () => closeStore());
  onShutdown('database', () => closeDb());
}

/** Answers left "streaming" by a server that died are shown as interrupted. Returns how many. */
export async function interruptDeadAnswers(): Promise<number> {
  const interrupted = await interruptStaleStreams({ olderThan: new Date(Date.now() - CHAT_POLICY.staleSeconds * 1000) });
  return interrupted.length;
}

function printDemoAccounts(accounts: { email: string; role: string; password: string }[], appUrl: string): void {
  const lines = [
    '',
    '  Demo accounts (passwords are shown only this once; change them or create your own):',
    ...accounts.map((a) => `    ${a.role.padEnd(11)} ${a.email.padEnd(28)} ${a.password}`),
    `  Sign in at ${appUrl}/sign-in`,
    '',
  ];
  // Printed, not logged: the passwords must not end up in a log pipeline.
  process.stdout.write(lines.join('\n') + '\n');
}
