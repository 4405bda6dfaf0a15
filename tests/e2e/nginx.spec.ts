// The production Nginx config (nginx/) in front of the running app. The real files are used;
// only the deployment-specific includes are rewritten for the run: the upstream (the app under
// test), the listen ports, the temp paths, plus a self-signed certificate made here.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const NGINX_DIR = path.resolve(__dirname, '../../nginx');

function findNginx(): string | null {
  // NGINX_BIN picks another build (e.g. a newer nginx than the distribution's).
  const candidates = [process.env.NGINX_BIN, 'nginx', '/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'];
  for (const bin of candidates) {
    if (bin && spawnSync(bin, ['-v'], { stdio: 'ignore' }).status === 0) return bin;
  }
  return null;
}

function nginxVersion(bin: string): [number, number, number] {
  const out = spawnSync(bin, ['-v'], { encoding: 'utf8' });
  const m = /nginx\/(\d+)\.(\d+)\.(\d+)/.exec(`${out.stderr}${out.stdout}`);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Replaces `pattern` in one of the copied files, failing loudly if the file no longer has it. */
function rewrite(dir: string, file: string, pattern: RegExp, replacement: string) {
  const full = path.join(dir, file);
  const text = fs.readFileSync(full, 'utf8');
  if (!pattern.test(text)) throw new Error(`nginx/${file} no longer matches ${pattern}: update this test with it`);
  fs.writeFileSync(full, text.replace(pattern, replacement));
}

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

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixline-nginx-'));
    // Run as root (CI), the workers are an unprivileged user: they must reach the temp dirs.
    fs.chmodSync(dir, 0o755);
    const certsDir = path.join(NGINX_DIR, 'certs');
    fs.cpSync(NGINX_DIR, dir, { recursive: true, filter: (src) => !src.startsWith(certsDir + path.sep) });
    fs.mkdirSync(path.join(dir, 'certs'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'temp'));

    fs.writeFileSync(
      path.join(dir, 'upstream.conf'),
      `# Rewritten for the test: the app under test.\nupstream fixline_app {\n    server ${upstream} max_fails=3 fail_timeout=10s;\n    keepalive 8;\n}\n`,
    );
    rewrite(dir, 'temp-paths.conf', /\/var\/cache\/nginx/g, path.join(dir, 'temp'));
    rewrite(dir, 'listen-http.conf', /listen\s+80;/, `listen 127.0.0.1:${httpPort};`);
    rewrite(dir, 'listen-https.conf', /listen\s+443 ssl;/, `listen 127.0.0.1:${httpsPort} ssl;`);
    const [major, minor, patch] = nginxVersion(bin);
    // The "http2" directive exists since 1.25.1; older builds (Debian 12 ships 1.22) test without it.
    if (major * 1_000_000 + minor * 1_000 + patch < 1_025_001)
      rewrite(dir, 'listen-https.conf', /^\s*http2 on;$/m, '# http2: needs nginx 1.25.1');

    const openssl = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        path.join(dir, 'certs/privkey.pem'),
        '-out',
        path.join(dir, 'certs/fullchain.pem'),
      ],
      { encoding: 'utf8' },
    );
    if (openssl.status !== 0) throw new Error(`openssl could not make a test certificate: ${openssl.error?.message ?? openssl.stderr}`);

    const args = ['-p', `${dir}/`, '-c', path.join(dir, 'nginx.conf'), '-e', 'stderr'];
    const globals = `pid ${path.join(dir, 'nginx.pid')};`;
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
