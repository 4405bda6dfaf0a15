// A fresh Postgres database for a benchmark run, with the app's settings pointed at it.
import { createTestDatabase, dropTestDatabase, TEST_REDIS_URL } from '../tests/helpers/databases';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SHARED_MANUALS = path.resolve(__dirname, '../../shared/manuals');

export async function benchDatabase(prefix: string) {
  const { url, name } = await createTestDatabase(prefix);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `${prefix}-${Date.now().toString(36)}:`,
    DATA_DIR: dataDir,
    NEXTAUTH_SECRET: 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    LOG_LEVEL: 'warn',
  });
  const { migrateDb, closeDb } = await import('@/db');
  const { closeStore } = await import('@/lib/store');
  await migrateDb();
  return {
    async close() {
      await closeStore();
      await closeDb();
      await dropTestDatabase(name).catch(() => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Uploads and indexes a manual through the app's own upload and ingestion code. */
export async function ingestFile(file: string, fields: { title?: string; machineModels?: string[] } = {}) {
  const { uploadManual } = await import('@/lib/knowledge/upload');
  const { runNextJob } = await import('@/lib/knowledge/ingest/job');
  const doc = await uploadManual({ data: new Uint8Array(fs.readFileSync(file)), fileName: path.basename(file), ...fields }, null);
  while (await runNextJob()) {
    // drain
  }
  return doc;
}
