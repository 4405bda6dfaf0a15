// The production Nginx config (nginx/) in front of the running app. The real files are used;
// only the deployment-specific includes are rewritten for the run (tests/helpers/nginx.ts).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { findNginx, prepareNginx } from '../helpers/nginx';
import { freePort } from '../helpers/redis-server';

const nginx = findNginx();

test.describe('production nginx config', () => {
  test.skip(!nginx, 'nginx is not installed (apt-get install nginx): the production proxy config cannot be tested');
  test.describe.configure({ mode: 'serial' });
  test.use({ ignoreHTTPSErrors: true });

  let dir = '';
  let proc: ChildProcess | null = null;
  let configTest = { status: -1, output: '' };
  let httpUrl = '';
  let httpsUrl = '';
  const logs: string[] = [];

  test.beforeAll(async () => {
    test.setTimeout(60_000);
    const bin = nginx!;
    const base = new URL(process.env.E2E_BASE_URL ?? String(test.info().project.use.baseURL ?? 'http://127.0.0.1:3100'));
    const upstream = `${base.hostname}:${base.port || (base.protocol === 'https:' ? 443 : 80)}`;
    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    httpUrl = `http://127.0.0.1:${httpPort}`;
    httpsUrl = `https://127.0.0.1:${httpsPort}`;

    const run = prepareNginx(bin, { upstreams: [upstream], httpPort, httpsPort });
    dir = run.dir;
    const { args, globals } = run;
    // The access log goes to /dev/stdout, which nginx must be able to open: a file, not a socket.
    const stdout = fs.openSync(path.join(dir, 'access.log'), 'a');
    const checked = spawnSync(bin, [...args, '-g', globals, '-t'], { encoding: 'utf8', stdio: ['ignore', stdout, 'pipe'] });
    configTest = { status: checked.status ?? -1, output: checked.stderr };
    if (configTest.status !== 0) throw new Error(`nginx -t failed:\n${configTest.output}`);

    proc = spawn(bin, [...args, '-g', `${globals} daemon off;`], { stdio: ['ignore', stdout, 'pipe'] });
    fs.closeSync(stdout);
    proc.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`nginx exited (${proc.exitCode}):\n${logs.join('')}`);
      const up = await fetch(`${httpUrl}/nginx-health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline) throw new Error(`nginx did not answer on ${httpUrl}:\n${logs.join('')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  test.afterAll(async () => {
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc!.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the config passes nginx -t', () => {
    expect(configTest.status, configTest.output).toBe(0);
    expect(configTest.output).toContain('test is successful');
  });

  test('plain HTTP redirects to HTTPS, except nginx health', async ({ request }) => {
    const res = await request.get(`${httpUrl}/api/health?probe=1`, { maxRedirects: 0 });
    expect(res.status()).toBe(301);
    expect(res.headers()['location']).toBe('https://127.0.0.1/api/health?probe=1');
    const health = await request.get(`${httpUrl}/nginx-health`, { maxRedirects: 0 });
    expect(health.status()).toBe(200);
  });

  test('HTTPS proxies to the app with HSTS and single security headers', async ({ request }) => {
    const res = await request.get(`${httpsUrl}/api/health`, { headers: { 'x-request-id': 'nginx-e2e-0123456789' } });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/json');
    expect(await res.json()).toHaveProperty('status');
    expect(res.headers()['strict-transport-security']).toMatch(/max-age=\d+/);
    // The request id went through to the app and came back.
    expect(res.headers()['x-request-id']).toBe('nginx-e2e-0123456789');
    const named = (name: string) => res.headersArray().filter((h) => h.name.toLowerCase() === name);
    for (const name of ['strict-transport-security', 'x-content-type-options', 'referrer-policy']) {
      expect(named(name), `${name} once`).toHaveLength(1);
    }
  });

  test('a body over 1 MB is refused at the edge except for the manual upload', async ({ request }) => {
    const body = Buffer.alloc(2 * 1024 * 1024, 'a');
    const res = await request.post(`${httpsUrl}/api/admin/users`, { data: body, headers: { 'content-type': 'application/json' } });
    expect(res.status()).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(res.headers()['strict-transport-security']).toBeTruthy();

    // The upload route takes it on to the app, which decides (here: no session, so not 413).
    const upload = await request.post(`${httpsUrl}/api/knowledge`, { data: body, headers: { 'content-type': 'application/octet-stream' } });
    expect(upload.status()).not.toBe(413);
    expect(upload.status()).toBeLessThan(500);
  });

  test('the session and escalation lists reach the app without a trailing-slash redirect', async ({ request }) => {
    // A prefix location "/api/sessions/" alone makes nginx answer "/api/sessions" with a 301 to the
    // slash, which the app redirects back (308): the support inbox could not load its lists.
    for (const url of ['/api/sessions', '/api/sessions?x=1', '/api/escalations', '/api/escalations?status=resolved']) {
      const res = await request.get(`${httpsUrl}${url}`, { maxRedirects: 0 });
      expect(res.status(), url).toBe(401);
      expect(await res.json(), url).toMatchObject({ error: { code: 'unauthorized' } });
      expect(res.headers()['strict-transport-security'], url).toBeTruthy();
    }
    // The streaming routes under them still go to the app (no session here: 401, not a redirect).
    for (const url of [
      '/api/sessions/00000000-0000-4000-8000-000000000000/stream',
      '/api/escalations/00000000-0000-4000-8000-000000000000',
    ]) {
      const res = await request.get(`${httpsUrl}${url}`, { maxRedirects: 0 });
      expect([301, 302, 307, 308], url).not.toContain(res.status());
      expect(res.status(), url).toBeLessThan(500);
    }
  });

  test('the metrics endpoint is not exposed at the edge', async ({ request }) => {
    const res = await request.get(`${httpsUrl}/api/metrics`);
    expect(res.status()).toBe(403);
  });
});
