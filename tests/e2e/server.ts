// Starts everything the browser tests need: a fresh Postgres database, the stub model server,
// the test users, and the production build of the app. Stops and cleans up on SIGTERM.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, dropTestDatabase, TEST_REDIS_URL } from '../helpers/databases';
import { E2E_USERS } from './users';

async function main() {
  const port = Number(process.env.E2E_PORT ?? 3100);
  const { url: databaseUrl, name: databaseName } = await createTestDatabase('fixline_e2e');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixline-e2e-'));

  const { startModelServer } = await import('../helpers/model-server');
  const model = await startModelServer({ port: Number(process.env.E2E_MODEL_PORT ?? 0) || undefined });
  // Answers echo the question token by token; a question with "slowly" streams for about 8 s.
  model.setDefault('*', { kind: 'echo', tokenDelayMs: 15, slowWhen: 'slowly', slowTokenDelayMs: 100 });

  const appEnv: Record<string, string> = {
    NODE_ENV: 'production',
    PORT: String(port),
    DATA_DIR: dataDir,
    APP_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `fixline-e2e-${Date.now().toString(36)}:`,
    NEXTAUTH_SECRET: 'e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    OPENAI_API_KEY: 'e2e-key',
    OPENAI_BASE_URL: model.url,
    OPENAI_MODEL: 'e2e-primary',
    OPENAI_FALLBACK_MODEL: 'e2e-fallback',
    OPENAI_TIMEOUT: '10',
    CORS_ALLOWED_ORIGINS: 'https://tools.example.com',
    LOG_LEVEL: 'warn',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXT_MANUAL_SIG_HANDLE: 'true',
  };
  Object.assign(process.env, appEnv);

  // Users are created through the same code as `npm run create-user`.
  const { migrateDb, closeDb } = await import('@/db');
  const { upsertUser } = await import('@/lib/ops/accounts');
  const { closeStore } = await import('@/lib/store');
  const { insertConsent } = await import('@/db/queries/consents');
  const { CONSENT_VERSION } = await import('@/lib/privacy/consent');
  await migrateDb();
  // The shared users have consented to AI processing; a user a spec creates has not.
  for (const [role, u] of Object.entries(E2E_USERS)) {
    const { user } = await upsertUser({ email: u.email, name: u.name, role: role as keyof typeof E2E_USERS, password: u.password });
    await insertConsent({ userId: user.id, version: CONSENT_VERSION });
  }
  await closeStore();
  await closeDb();

  const app = spawn(path.join('node_modules', '.bin', 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, ...appEnv },
    stdio: 'inherit',
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    app.kill('SIGTERM');
    await new Promise((r) => (app.exitCode !== null ? r(null) : app.once('exit', r)));
    await model.close();
    await dropTestDatabase(databaseName).catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  app.on('exit', (code) => {
    if (!stopping) {
      console.error(`app exited unexpectedly (${code})`);
      void stop();
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
