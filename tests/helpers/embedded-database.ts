import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { closeDb } from '@/db';
import { setTestEnv } from './env';

/**
 * Inside a describe block: a fresh folder for an embedded PGlite database, and `switchToPglite()`
 * to move the app's database there (no DATABASE_URL). Postgres comes back after the block.
 */
export function useEmbeddedDatabase(prefix: string): { dir: string; switchToPglite: () => Promise<void> } {
  let restoreEnv = () => {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));

  afterAll(async () => {
    await closeDb();
    restoreEnv();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  return {
    dir,
    switchToPglite: async () => {
      await closeDb();
      restoreEnv = setTestEnv({ DATABASE_URL: undefined, DATA_DIR: dir });
    },
  };
}
