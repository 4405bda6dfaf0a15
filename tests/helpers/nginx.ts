// The production Nginx config (nginx/) made runnable on this machine: the real files, copied, with
// only the deployment-specific includes rewritten (the upstream, the listen ports, the temp paths)
// and a self-signed certificate made for the run. Used by the nginx spec and the fault runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const NGINX_DIR = path.resolve(__dirname, '../../nginx');

/** The nginx binary to run (NGINX_BIN picks another build, e.g. a newer one), or null. */
export function findNginx(): string | null {
  const candidates = [process.env.NGINX_BIN, 'nginx', '/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'];
  for (const bin of candidates) {
    if (bin && spawnSync(bin, ['-v'], { stdio: 'ignore' }).status === 0) return bin;
  }
  return null;
}

function nginxVersion(bin: string): number {
  const out = spawnSync(bin, ['-v'], { encoding: 'utf8' });
  const m = /nginx\/(\d+)\.(\d+)\.(\d+)/.exec(`${out.stderr}${out.stdout}`);
  return m ? Number(m[1]) * 1_000_000 + Number(m[2]) * 1_000 + Number(m[3]) : 0;
}

/** Replaces `pattern` in one of the copied files, failing loudly if the file no longer has it. */
function rewrite(dir: string, file: string, pattern: RegExp, replacement: string) {
  const full = path.join(dir, file);
  const text = fs.readFileSync(full, 'utf8');
  if (!pattern.test(text)) throw new Error(`nginx/${file} no longer matches ${pattern}: update tests/helpers/nginx.ts with it`);
  fs.writeFileSync(full, text.replace(pattern, replacement));
}

export interface NginxRun {
  dir: string;
  /** Arguments for `nginx` (add `-t`, or `-g` with the pid and `daemon off;`). */
  args: string[];
  /** The `-g` globals: the pid file in the run's directory. */
  globals: string;
}

/**
 * Copies nginx/ to a temp directory, proxying to `upstreams` (host:port) and listening on
 * 127.0.0.1 at the given ports, with a certificate made for the run.
 */
export function prepareNginx(
  bin: string,
  { upstreams, httpPort, httpsPort }: { upstreams: string[]; httpPort: number; httpsPort: number },
): NginxRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixline-nginx-'));
  // Run as root (CI), the workers are an unprivileged user: they must reach the temp dirs.
  fs.chmodSync(dir, 0o755);
  const certsDir = path.join(NGINX_DIR, 'certs');
  fs.cpSync(NGINX_DIR, dir, { recursive: true, filter: (src) => !src.startsWith(certsDir + path.sep) });
  fs.mkdirSync(path.join(dir, 'certs'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'temp'));

  const servers = upstreams.map((u) => `    server ${u} max_fails=3 fail_timeout=10s;`).join('\n');
  fs.writeFileSync(
    path.join(dir, 'upstream.conf'),
    `# Rewritten for the run: the app under test.\nupstream fixline_app {\n${servers}\n    keepalive 8;\n}\n`,
  );
  rewrite(dir, 'temp-paths.conf', /\/var\/cache\/nginx/g, path.join(dir, 'temp'));
  rewrite(dir, 'listen-http.conf', /listen\s+80;/, `listen 127.0.0.1:${httpPort};`);
  rewrite(dir, 'listen-https.conf', /listen\s+443 ssl;/, `listen 127.0.0.1:${httpsPort} ssl;`);
  // The "http2" directive exists since 1.25.1; older builds (Debian 12 ships 1.22) run without it.
  if (nginxVersion(bin) < 1_025_001) rewrite(dir, 'listen-https.conf', /^\s*http2 on;$/m, '# http2: needs nginx 1.25.1');

  const openssl = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'].concat([
      '-keyout',
      path.join(dir, 'certs/privkey.pem'),
      '-out',
      path.join(dir, 'certs/fullchain.pem'),
    ]),
    { encoding: 'utf8' },
  );
  if (openssl.status !== 0) throw new Error(`openssl could not make a certificate: ${openssl.error?.message ?? openssl.stderr}`);

  return {
    dir,
    args: ['-p', `${dir}/`, '-c', path.join(dir, 'nginx.conf'), '-e', 'stderr'],
    globals: `pid ${path.join(dir, 'nginx.pid')};`,
  };
}
