import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { TEST_REDIS_URL } from './databases';
import { writeEnv } from './env';

// Every integration file talks to the real Postgres and Redis of this machine.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixline-it-'));
writeEnv({
  NODE_ENV: 'test',
  DATABASE_URL: inject('databaseUrl'),
  REDIS_URL: TEST_REDIS_URL,
  REDIS_PREFIX: inject('redisPrefix'),
  DATA_DIR: dataDir,
  APP_URL: 'http://localhost:3000',
  NEXTAUTH_SECRET: 'integration-test-secret-0123456789abcdefghijklmnop',
  LOG_LEVEL: 'error',
  OPENAI_API_KEY: undefined,
  SMTP_SERVER: undefined,
});

beforeAll(async () => {
  const { migrateDb } = await import('@/db');
  await migrateDb();
});

afterAll(async () => {
  const { closeStore } = await import('@/lib/store');
  const { closeDb } = await import('@/db');
  await closeStore();
  await closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
