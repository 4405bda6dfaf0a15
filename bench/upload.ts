// npm run build && npm run bench:upload – how soon the production server refuses an oversized
// upload, and what it costs in memory. A 400 MB manual (over the 50 MB per-file limit, under none
// of the request's) is streamed to POST /api/knowledge; the client stops sending once the answer
// comes, as browsers and curl do. The floor is an authenticated GET of the (empty) manual list;
// also shown: a 1.2 GB upload whose Content-Length is over the request limit (1001 MB), which the
// server refuses before reading any of the body. Medians of 5 runs.
import http from 'node:http';
import path from 'node:path';
import { machine, start, stop, summary, treeRssMb, waitForUrl } from './lib';
import { benchDatabase } from './setup';

const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3291);
const RUNS = 5;
const MB = 1024 * 1024;
const BOUNDARY = '----fixline-bench';

/** Streams a multipart body with one file of `fileBytes`; resolves when the answer arrives. */
function send(token: string, fileBytes: number, declare: boolean) {
  const head = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="huge.pdf"\r\n\r\n%PDF-1.7\n`);
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const total = head.byteLength + fileBytes + tail.byteLength;
  const filler = Buffer.alloc(256 * 1024, 'x');
  return new Promise<{ status: number; ms: number; sentMb: number }>((resolve, reject) => {
    const started = performance.now();
    let sent = 0;
    let answered = false;
    const req = http.request(`http://127.0.0.1:${APP_PORT}/api/knowledge`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        ...(declare ? { 'content-length': String(total) } : {}),
      },
    });
    req.on('response', (res) => {
      answered = true;
      const result = { status: res.statusCode ?? 0, ms: performance.now() - started, sentMb: sent / MB };
      res.resume();
      res.on('end', () => {
        req.destroy();
        resolve(result);
      });
    });
    req.on('error', (error) => !answered && reject(error));
    const pump = () => {
      while (!answered && sent < total) {
        const piece = sent === 0 ? head : sent + filler.byteLength >= total - tail.byteLength ? tail : filler;
        sent += piece.byteLength;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

async function main() {
  const env = await benchDatabase('fixline_upload');
  const appEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    PORT: String(APP_PORT),
    APP_URL: `http://127.0.0.1:${APP_PORT}`,
    DEMO_ACCOUNTS: 'false',
    LOG_LEVEL: 'warn',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXT_MANUAL_SIG_HANDLE: 'true',
  };
  const app = start(
    process.execPath,
    [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(APP_PORT), '-H', '127.0.0.1'],
    appEnv,
    'app',
  );
  try {
    await waitForUrl(`http://127.0.0.1:${APP_PORT}/api/health/ready`);
    const { createUser } = await import('@/db/queries/users');
    const { issueApiToken } = await import('@/lib/auth/tokens');
    const user = await createUser({ email: 'bench-admin@example.com', name: 'Bench admin', role: 'admin' });
    const { token } = await issueApiToken({ userId: user.id, name: 'bench' });

    const rssBefore = treeRssMb(app.pid!);
    const floor: number[] = [];
    const declared: number[] = [];
    const oversized: number[] = [];
    let sentMb = 0;
    let declaredSentMb = 0;
    let peakRss = rssBefore;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const list = await fetch(`http://127.0.0.1:${APP_PORT}/api/knowledge`, { headers: { authorization: `Bearer ${token}` } });
      await list.arrayBuffer();
      if (list.status !== 200) throw new Error(`floor answered ${list.status}`);
      floor.push(performance.now() - t);
      const d = await send(token, 1200 * MB, true);
      if (d.status !== 413) throw new Error(`declared length answered ${d.status}`);
      declared.push(d.ms);
      declaredSentMb = Math.max(declaredSentMb, d.sentMb);
      const o = await send(token, 400 * MB, false);
      if (o.status !== 413) throw new Error(`oversized upload answered ${o.status}`);
      oversized.push(o.ms);
      sentMb = Math.max(sentMb, o.sentMb);
      peakRss = Math.max(peakRss, treeRssMb(app.pid!));
    }
    const f = summary(floor).p50;
    const d = summary(declared).p50;
    const o = summary(oversized).p50;
    console.log(`Machine: ${machine()}`);
    console.log('\n| request | time to the answer p50 ms | × floor | body sent before the answer MB |');
    console.log('|---|---|---|---|');
    console.log(`| floor: GET /api/knowledge (200) | ${f.toFixed(1)} | 1.0 | – |`);
    console.log(
      `| 1.2 GB declared, over the 1001 MB request limit | ${d.toFixed(1)} | ${(d / f).toFixed(1)} | ≤ ${declaredSentMb.toFixed(1)} |`,
    );
    console.log(`| 400 MB file, limit 50 MB, streamed | ${o.toFixed(1)} | ${(o / f).toFixed(1)} | ≤ ${sentMb.toFixed(1)} |`);
    console.log(`\nServer RSS: ${rssBefore} MB before, peak ${peakRss} MB over ${RUNS} oversized uploads (+${peakRss - rssBefore} MB).`);
  } finally {
    await stop(app);
    await env.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
