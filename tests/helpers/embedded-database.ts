import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { closeDb } from '@/db';
import { resetEnv } from '@/lib/env';

/**
 * Inside a describe block: a fresh folder for an embedded PGlite database, and `switchToPglite()`
 * to move the app's database there (no DATABASE_URL). Postgres comes back after the block.
 */
export function useEmbeddedDatabase(prefix: string): { dir: string; switchToPglite: () => Promise<void> } {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));

  afterAll(async () => {
    await closeDb();
    Object.assign(process.env, saved);
    resetEnv();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  return {
    dir,
    switchToPglite: async () => {
      await closeDb();
      delete process.env.DATABASE_URL;
      process.env.DATA_DIR = dir;
      resetEnv();
    },
  };
}
