// Page weight: the gzipped JavaScript each main page's HTML loads on a first visit, as a
// signed-in technician (and an admin for the admin pages). Needs a production build (`next build`).
//   npm run bench:weight
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createTestDatabase, dropTestDatabase, TEST_REDIS_URL } from '../tests/helpers/databases';
import { machine, start, stop, waitForUrl } from './lib';

const PORT = Number(process.env.BENCH_PORT ?? 3272);
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'bench-weight-password-1';

const PAGES: { path: string; role: 'technician' | 'admin' | 'support' }[] = [
  { path: '/chat', role: 'technician' },
  // An open conversation (the technician's, made below): `:id` is replaced with its id.
  { path: '/chat/:id', role: 'technician' },
  { path: '/profile/tokens', role: 'technician' },
  { path: '/profile/privacy', role: 'technician' },
  { path: '/escalations', role: 'support' },
  { path: '/knowledge', role: 'admin' },
  { path: '/admin', role: 'admin' },
  { path: '/admin/users', role: 'admin' },
  { path: '/sign-in', role: 'technician' },
];

/** Signs in through next-auth's credentials flow; returns the Cookie header of the session. */
async function signIn(email: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie(), origin: BASE },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, callbackUrl: `${BASE}/`, json: 'true' }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in as ${email} failed (${res.status})`);
  return cookie();
}

/**
 * The scripts a page's HTML loads (src of <script> elements), in document order. `nomodule` ones
 * (Next's polyfills) are listed apart: browsers that run modules, every one we support, skip them.
 */
function scriptsOf(html: string): { src: string; nomodule: boolean }[] {
  const out = new Map<string, boolean>();
  for (const m of html.matchAll(/<script\b([^>]*)>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(m[1])?.[1];
    if (src) out.set(src.replaceAll('&amp;', '&'), /\bnomodule\b/i.test(m[1]));
  }
  return [...out].map(([src, nomodule]) => ({ src, nomodule }));
}

const sizes = new Map<string, { raw: number; gzip: number }>();
async function sizeOf(src: string) {
  const known = sizes.get(src);
  if (known) return known;
  const res = await fetch(new URL(src, BASE));
  if (!res.ok) throw new Error(`${src}: HTTP ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  const size = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  sizes.set(src, size);
  return size;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

async function main() {
  if (!fs.existsSync('.next/BUILD_ID')) throw new Error('No production build: run `next build` first.');
  const { url: databaseUrl, name: databaseName } = await createTestDatabase('fixline_weight');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixline-weight-'));
  const appEnv = {
    NODE_ENV: 'production',
    PORT: String(PORT),
    APP_URL: BASE,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `fixline-weight-${Date.now().toString(36)}:`,
    NEXTAUTH_SECRET: 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    OPENAI_API_KEY: 'bench',
    OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
    DEMO_ACCOUNTS: 'false',
    LOG_LEVEL: 'warn',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXT_MANUAL_SIG_HANDLE: 'true',
  };
  Object.assign(process.env, appEnv);
  const { migrateDb, closeDb } = await import('@/db');
  const { closeStore } = await import('@/lib/store');
  const { upsertUser } = await import('@/lib/ops/accounts');
  const { insertConsent } = await import('@/db/queries/consents');
  const { CONSENT_VERSION } = await import('@/lib/privacy/consent');
  const { createSession } = await import('@/db/queries/chat');
  await migrateDb();
  const emails: Record<string, string> = {};
  let conversationId = '';
  for (const role of ['technician', 'admin', 'support'] as const) {
    emails[role] = `weight-${role}@example.com`;
    const { user } = await upsertUser({ email: emails[role], name: `Weight ${role}`, role, password: PASSWORD });
    await insertConsent({ userId: user.id, version: CONSENT_VERSION });
    if (role === 'technician') {
      const session = await createSession({ userId: user.id, title: 'Weight conversation', machineModel: 'HX-200', serialNumber: 'SN1' });
      conversationId = session.id;
    }
  }

  const app = start(
    process.execPath,
    [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(PORT), '-H', '127.0.0.1'],
    appEnv,
    'app',
  );
  try {
    await waitForUrl(`${BASE}/api/health/ready`);
    const cookies: Record<string, string> = {};
    for (const role of Object.keys(emails)) cookies[role] = await signIn(emails[role]);

    console.log(`Page weight (gzip -9 of each script the HTML loads) · ${machine()}\n`);
    const totals: string[] = [];
    for (const { path: pattern, role } of PAGES) {
      const page = { path: pattern.replace(':id', conversationId), role };
      const headers: Record<string, string> = page.path === '/sign-in' ? {} : { cookie: cookies[page.role] };
      const res = await fetch(`${BASE}${page.path}`, { headers, redirect: 'manual' });
      if (res.status !== 200) throw new Error(`${page.path}: HTTP ${res.status}`);
      const all = scriptsOf(await res.text());
      const scripts = all.filter((s) => !s.nomodule);
      let raw = 0;
      let gzip = 0;
      console.log(`${page.path} (${page.path === '/sign-in' ? 'signed out' : page.role})`);
      for (const { src } of scripts) {
        const s = await sizeOf(src);
        raw += s.raw;
        gzip += s.gzip;
        console.log(`  ${kb(s.gzip).padStart(9)}  ${src}`);
      }
      console.log(`  ${kb(gzip).padStart(9)}  total of ${scripts.length} scripts (${kb(raw)} before gzip)`);
      let legacy = 0;
      for (const { src } of all.filter((s) => s.nomodule)) {
        legacy += (await sizeOf(src)).gzip;
        console.log(`  ${kb((await sizeOf(src)).gzip).padStart(9)}  ${src} (nomodule: not loaded by module browsers)`);
      }
      console.log('');
      totals.push(
        `${pattern.padEnd(18)} ${kb(gzip).padStart(9)}  ${String(scripts.length).padStart(2)} scripts` +
          (legacy ? `   (+ ${kb(legacy)} nomodule polyfills = ${kb(gzip + legacy)})` : ''),
      );
    }
    console.log('Summary (gzipped JavaScript on first load)');
    for (const t of totals) console.log(`  ${t}`);
  } finally {
    await stop(app);
    await closeStore();
    await closeDb();
    await dropTestDatabase(databaseName).catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
