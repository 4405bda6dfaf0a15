// npm run purge [-- --dry-run] – one retention purge (as the hourly job does), for cron; prints what it removed.
import { parseArgs } from 'node:util';
import { closeDb, migrateDb } from '@/db';
import { ConfigError } from '@/lib/env';
import { purgeExpired } from '@/lib/retention';
import { closeStore } from '@/lib/store';

async function main() {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } }, strict: true });
  const dryRun = values['dry-run'] ?? false;
  await migrateDb();
  const { status, counts, cutoffs } = await purgeExpired({ dryRun });
  if (status === 'locked') {
    console.log('Another purge is running (the lock is held); nothing done.');
    return;
  }
  const verb = dryRun ? 'Would remove' : 'Removed';
  console.log(`${verb}:`);
  console.log(`  ${counts.sessions} conversations idle since before ${cutoffs.sessions.toISOString()} (with their messages and feedback)`);
  console.log(`  ${counts.escalations} escalations resolved before ${cutoffs.escalations.toISOString()}`);
  console.log(`  ${counts.auditLogs} audit log entries from before ${cutoffs.auditLogs.toISOString()}`);
  console.log(`  ${counts.manuals} files of replaced manual versions retired before ${cutoffs.manuals.toISOString()}`);
}

main()
  .catch((error) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`purge failed: ${(error as Error).message}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await closeStore();
    await closeDb();
  });
