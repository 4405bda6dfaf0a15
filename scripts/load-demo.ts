// npm run load-demo – adds the demo manual (a fictional compressor) and indexes it.
// In the embedded mode run it while the app is stopped (the embedded database has one user at a time).
import { closeDb, migrateDb } from '@/db';
import { ConfigError } from '@/lib/env';
import { DEMO_MANUAL, loadDemoManual } from '@/lib/knowledge/demo';
import { runNextJob } from '@/lib/knowledge/ingest/job';
import { closeStore } from '@/lib/store';

async function main() {
  await migrateDb();
  const id = await loadDemoManual();
  if (!id) {
    console.log('The demo manual is already loaded.');
    return;
  }
  process.stdout.write(`Indexing "${DEMO_MANUAL.title}"… `);
  while (await runNextJob()) {
    // Runs queued jobs (this one, and any left over) until none is due.
  }
  console.log('ready. Ask about error code E07 in the chat.');
}

main()
  .catch((error) => {
    console.error(error instanceof ConfigError ? error.message : `load-demo failed: ${(error as Error).message}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await closeStore();
    await closeDb();
  });
