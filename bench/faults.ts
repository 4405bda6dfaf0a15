// npm run faults – each fault in the middle of a small load, against the built app (`npm run build`
// first) on a private Postgres and Redis started here (never the shared ones), each followed by a
// check in the database that nothing was lost. Prints PASS/FAIL per verdict; exits 1 on any FAIL.
//   --only redis,postgres,smtp,sigterm,primary,models,nginx   (default: all, in that order)
//   --smtp-outage-seconds 600   (the SMTP outage; shorten it for a quick run)
//   --users 20 --think-ms 3000 --port 3243 (the app; the nginx run uses this port and the next)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { findNginx, prepareNginx } from '../tests/helpers/nginx';
import { freePort } from '../tests/helpers/redis-server';
import { TestSmtpServer } from '../tests/helpers/smtp-server';
import { machine, stop } from './lib';
import {
  chatTurn,
  loadAverage,
  makeTechnicians,
  messageCounts,
  newTally,
  p,
  request,
  runTechnicians,
  sleep,
  startStack,
  verdict,
  type Pacing,
  type Stack,
  type Tally,
  type Technician,
} from './load-lib';

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'redis,postgres,smtp,sigterm,primary,models,nginx' },
    'smtp-outage-seconds': { type: 'string', default: '600' },
    users: { type: 'string', default: '20' },
    'think-ms': { type: 'string', default: '3000' },
    port: { type: 'string', default: '3243' },
  },
});
const USERS = Number(values.users);
const THINK_MS = Number(values['think-ms']);
const PORT = Number(values.port);
const PACING: Pacing = { firstTokenMs: 300, tokenMs: 20, tokens: 60 };
const results: { scenario: string; ok: boolean; label: string }[] = [];
let scenario = '';

function check(ok: boolean, label: string): boolean {
  results.push({ scenario, ok, label });
  return verdict(ok, `[${scenario}] ${label}`);
}

async function stack(env: Record<string, string> = {}, ports = [PORT], pacing = PACING): Promise<Stack> {
  return startStack({ pgPort: await freePort(), redisPort: await freePort(), appPorts: ports, pacing, env });
}

/** Runs the technicians until `stopAt()` while `fault` runs; resolves when both are over. */
async function underLoad(
  s: Stack,
  technicians: Technician[],
  fault: (tally: Tally) => Promise<void>,
  opts: { pacing?: Pacing; baseUrl?: (i: number) => string } = {},
) {
  const tally = newTally();
  let over = false;
  const load = runTechnicians({
    technicians,
    baseUrl: opts.baseUrl ?? (() => s.apps[0].url),
    thinkMs: THINK_MS,
    until: () => over,
    model: s.model,
    pacing: opts.pacing ?? PACING,
    tally,
    rampMs: 2_000,
  });
  try {
    await fault(tally);
  } finally {
    over = true;
    await load;
  }
  return tally;
}

/** Nothing lost: every question the app accepted is stored once, every answer it reported complete is complete, none is left streaming. */
async function nothingLost(s: Stack, technicians: Technician[], tally: Tally, label = '') {
  await sleep(2_000);
  const db = await messageCounts(
    s.databaseUrl,
    technicians.map((t) => t.id),
  );
  check(db.user === tally.sent, `${label}questions stored ${db.user} = accepted ${tally.sent}`);
  check(db.complete >= tally.answered, `${label}complete answers stored ${db.complete} >= reported complete ${tally.answered}`);
  check(db.streaming === 0, `${label}no answer left "streaming" (${db.streaming})`);
  check(db.duplicateQuestions === 0, `${label}no duplicated question (${db.duplicateQuestions})`);
  return db;
}

const statusesBetween = (tally: Tally, from: number, to: number) => {
  const out: Record<string, number> = {};
  for (const e of tally.log) if (e.at >= from && e.at <= to) out[e.status] = (out[e.status] ?? 0) + 1;
  return out;
};
const fiveHundreds = (tally: Tally, from = 0, to = Infinity) =>
  tally.log.filter((e) => e.at >= from && e.at <= to && (e.status >= 500 || e.status === 0) && e.status !== 503).length;

async function waitFor(what: () => Promise<boolean>, timeoutMs: number, everyMs = 500): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (await what().catch(() => false)) return Date.now() - t0;
    await sleep(everyMs);
  }
  return NaN;
}

async function healthOf(url: string): Promise<{ status: number; checks: Record<string, { status: string }> }> {
  const r = await request(`${url}/api/health`);
  try {
    return { status: r.status, checks: (JSON.parse(r.body) as { checks: Record<string, { status: string }> }).checks ?? {} };
  } catch {
    return { status: r.status, checks: {} };
  }
}

// ---- the faults ----

async function redisFault() {
  const s = await stack();
  try {
    const techs = await makeTechnicians(USERS, 'redis');
    let downAt = 0;
    let upAt = 0;
    let healthDown = '';
    const tally = await underLoad(s, techs, async () => {
      await sleep(15_000);
      downAt = Date.now();
      await s.redis.stop(); // SIGKILL
      await sleep(5_000);
      healthDown = (await healthOf(s.apps[0].url)).checks.redis?.status ?? '?';
      await sleep(15_000);
      await s.redis.start();
      upAt = Date.now();
      await sleep(15_000);
    });
    const during = tally.log.filter((e) => e.kind === 'chat' && e.at > downAt + 2_000 && e.at < upAt);
    const after = tally.log.filter((e) => e.kind === 'chat' && e.at > upAt + 5_000);
    console.log(
      `  statuses while down ${JSON.stringify(statusesBetween(tally, downAt, upAt))}; endings ${JSON.stringify(tally.doneOther)}, stream errors ${JSON.stringify(tally.streamErrors)}, cut ${tally.cut}`,
    );
    check(
      fiveHundreds(tally) === 0 && tally.log.filter((e) => e.status === 503).length === 0,
      `no 5xx through the outage (${JSON.stringify(tally.statuses)})`,
    );
    check(
      during.length > 0 && during.every((e) => e.done === 'complete'),
      `chat continues while Redis is down: ${during.filter((e) => e.done === 'complete').length}/${during.length} answers complete`,
    );
    check(
      healthDown === 'degraded',
      `health reports Redis "degraded" while it is down (in-process limits and live events), got "${healthDown}"`,
    );
    const recovered = await waitFor(async () => (await healthOf(s.apps[0].url)).checks.redis?.status === 'ok', 30_000);
    check(
      Number.isFinite(recovered),
      `Redis back in use without an app restart (health ok ${Number.isFinite(recovered) ? `${recovered} ms after the check began` : 'never'})`,
    );
    check(
      after.length > 0 && after.every((e) => e.done === 'complete'),
      `chat after the restart: ${after.filter((e) => e.done === 'complete').length}/${after.length} complete`,
    );
    check(
      tally.cut === 0 && Object.keys(tally.streamErrors).length === 0,
      `no answer ended early (cut ${tally.cut}, errors ${JSON.stringify(tally.streamErrors)}, other endings ${JSON.stringify(tally.doneOther)})`,
    );
    await nothingLost(s, techs, tally);
  } finally {
    await s.close();
  }
}

async function postgresFault() {
  const s = await stack();
  try {
    const techs = await makeTechnicians(USERS, 'pg');
    let downAt = 0;
    let upAt = 0;
    let readyDown = 0;
    const tally = await underLoad(s, techs, async () => {
      await sleep(15_000);
      downAt = Date.now();
      await s.pg.stop('fast');
      await sleep(3_000);
      readyDown = (await request(`${s.apps[0].url}/api/health/ready`)).status;
      await sleep(12_000);
      await s.pg.start();
      upAt = Date.now();
      await sleep(20_000);
    });
    const down = statusesBetween(tally, downAt, upAt);
    console.log(
      `  statuses while down ${JSON.stringify(down)}; all ${JSON.stringify(tally.statuses)}; endings ${JSON.stringify(tally.doneOther)}, stream errors ${JSON.stringify(tally.streamErrors)}, cut ${tally.cut}`,
    );
    check(readyDown === 503, `readiness is 503 while the database is down (${readyDown})`);
    check(fiveHundreds(tally) === 0, `503, never 500, while the database is down (${fiveHundreds(tally)} other 5xx or dropped)`);
    const after = tally.log.filter((e) => e.kind === 'chat' && e.at > upAt + 10_000);
    check(
      after.length > 0 && after.every((e) => e.done === 'complete'),
      `recovers without an app restart: ${after.filter((e) => e.done === 'complete').length}/${after.length} answers complete afterwards`,
    );
    const open = tally.turns.filter((r) => r.failure === 'CLIENT_TIMEOUT').length;
    check(open === 0 && tally.cut === 0, `every answer stream ends with done or error (${open} still open after 120 s, ${tally.cut} cut)`);
    await nothingLost(s, techs, tally);
    const amcheck = spawnSync(
      '/usr/lib/postgresql/15/bin/pg_amcheck',
      ['-h', '127.0.0.1', '-p', String(s.pg.port), '-U', 'postgres', '--install-missing', '-d', 'fixline'],
      {
        encoding: 'utf8',
      },
    );
    check(
      amcheck.status === 0,
      `no corruption: pg_amcheck of every table and index ${amcheck.status === 0 ? 'clean' : `exit ${amcheck.status}: ${(amcheck.stdout + amcheck.stderr).slice(0, 300)}`}`,
    );
  } finally {
    await s.close();
  }
}

async function smtpFault() {
  const outageMs = Number(values['smtp-outage-seconds']) * 1000;
  const smtp = await TestSmtpServer.start();
  const s = await stack(smtp.env);
  try {
    const techs = await makeTechnicians(Math.min(USERS, 10), 'smtp');
    const escalations: string[] = [];
    await smtp.stop();
    const downAt = Date.now();
    console.log(`  SMTP down for ${outageMs / 1000} s`);
    const tally = await underLoad(s, techs, async () => {
      await sleep(15_000);
      // Each technician escalates a conversation while the mail server is down.
      for (const tech of techs) {
        const list = await request(`${s.apps[0].url}/api/sessions`, { token: tech.token });
        const first = (JSON.parse(list.body) as { sessions?: { id: string }[] }).sessions?.[0]?.id;
        if (!first) continue;
        const r = await request(`${s.apps[0].url}/api/sessions/${first}/escalate`, {
          method: 'POST',
          token: tech.token,
          body: { urgency: 'high' },
        });
        if (r.status === 201) escalations.push((JSON.parse(r.body) as { escalation: { id: string } }).escalation.id);
      }
      await sleep(Math.max(0, Math.min(15_000, downAt + outageMs - Date.now())));
    });
    // No load for the rest of the outage: the outbox keeps retrying on its own.
    await sleep(Math.max(0, downAt + outageMs - Date.now()));
    await smtp.start();
    const back = Date.now();
    console.log(`  SMTP back after ${Math.round((back - downAt) / 1000)} s; ${escalations.length} escalations made while it was down`);
    const client = new pg.Client({ connectionString: s.databaseUrl });
    await client.connect();
    try {
      const pending = async () =>
        Number((await client.query<{ n: number }>(`select count(*)::int as n from email_outbox where status <> 'sent'`)).rows[0].n);
      // The outbox backs off up to about 8 minutes after a 10-minute outage.
      const took = await waitFor(async () => (await pending()) === 0 && smtp.messages.length > 0, 15 * 60_000, 2_000);
      const { rows } = await client.query<{ message_id: string; escalation_id: string | null; status: string; attempts: number }>(
        `select message_id, escalation_id, status, attempts from email_outbox`,
      );
      const mailed = rows.filter((r) => r.escalation_id && escalations.includes(r.escalation_id));
      const once = mailed.every((r) => smtp.byMessageId(r.message_id).length === 1);
      console.log(
        `  outbox: ${rows.length} mails (${mailed.length} for the escalations), attempts up to ${Math.max(0, ...rows.map((r) => r.attempts))}; received ${smtp.messages.length}`,
      );
      check(
        escalations.length > 0 && escalations.every((id) => mailed.some((r) => r.escalation_id === id)),
        `every escalation (${escalations.length}) has its mail in the outbox`,
      );
      check(
        Number.isFinite(took),
        `every mail delivered after the outage (${Number.isFinite(took) ? `${Math.round((Date.now() - back) / 1000)} s after SMTP returned` : `${await pending()} still waiting`})`,
      );
      check(
        once && smtp.messages.length === rows.length,
        `each exactly once: ${smtp.messages.length} received for ${rows.length} outbox mails, duplicates ${mailed.filter((r) => smtp.byMessageId(r.message_id).length > 1).length}`,
      );
    } finally {
      await client.end();
    }
    check(fiveHundreds(tally) === 0, `no 5xx while SMTP is down (${JSON.stringify(tally.statuses)})`);
    await nothingLost(s, techs, tally);
  } finally {
    await s.close();
    await smtp.stop();
  }
}

async function sigtermFault() {
  const slow: Pacing = { firstTokenMs: 300, tokenMs: 60, tokens: 200 };
  const s = await stack({}, [PORT], slow);
  try {
    const techs = await makeTechnicians(USERS, 'term');
    let exitedIn = NaN;
    const tally = await underLoad(
      s,
      techs,
      async () => {
        await sleep(12_000);
        const app = s.apps[0];
        const t0 = Date.now();
        const exited = new Promise<void>((r) => app.child.once('exit', () => r()));
        app.child.kill('SIGTERM');
        await Promise.race([exited, sleep(30_000)]);
        exitedIn = app.child.exitCode !== null || app.child.signalCode !== null ? Date.now() - t0 : NaN;
      },
      { pacing: slow },
    );
    const inFlight = tally.turns.filter((r) => r.status === 200 && r.assistantMessageId && r.done?.status !== 'complete');
    check(
      Number.isFinite(exitedIn) && exitedIn < 15_000,
      `the server exits within its grace period (${Number.isFinite(exitedIn) ? `${exitedIn} ms` : 'did not exit'})`,
    );
    const client = new pg.Client({ connectionString: s.databaseUrl });
    await client.connect();
    try {
      const ids = inFlight.map((r) => r.assistantMessageId!);
      const { rows } = await client.query<{ id: string; status: string; content: string }>(
        `select id, status, content from ai_messages where id = any($1::uuid[])`,
        [ids],
      );
      const partial = rows.filter((r) => r.status === 'interrupted' && r.content.length > 0);
      const keptAll = inFlight.every((r) => {
        const row = rows.find((x) => x.id === r.assistantMessageId);
        return row && row.content.length >= r.text.length && row.content.startsWith(r.text.slice(0, 20));
      });
      console.log(
        `  ${inFlight.length} answers were streaming at SIGTERM; stored: ${JSON.stringify(Object.fromEntries(['interrupted', 'streaming', 'complete', 'failed', 'stopped'].map((st) => [st, rows.filter((r) => r.status === st).length])))}`,
      );
      check(inFlight.length > 0, `answers were streaming when the signal came (${inFlight.length})`);
      check(
        partial.length === inFlight.length,
        `each is kept and marked interrupted with its partial text (${partial.length}/${inFlight.length})`,
      );
      check(keptAll, 'each stored partial answer holds at least what its reader had received');
    } finally {
      await client.end();
    }
    // The next server takes over: nothing doubled, and chat works.
    await s.startApp(PORT);
    const after = await chatTurn(s.apps.at(-1)!.url, techs[0].token, { message: '[after-restart] E07 again?' });
    check(after.done?.status === 'complete', `chat works after the restart (${after.done?.status ?? after.errorCode ?? after.status})`);
    tally.sent += after.status === 200 && after.sessionId ? 1 : 0;
    tally.answered += after.done?.status === 'complete' ? 1 : 0;
    await nothingLost(s, techs, tally);
  } finally {
    await s.close();
  }
}

async function primaryFault() {
  const s = await stack();
  try {
    const techs = await makeTechnicians(USERS, 'primary');
    s.model.setDefault('primary', { kind: 'status', status: 500 });
    const tally = await underLoad(s, techs, () => sleep(40_000));
    const chats = tally.log.filter((e) => e.kind === 'chat');
    const primaryCalls = s.model.requests.filter((r) => r.model === 'primary' && r.stream).length;
    const overhead = p(tally.overheadMs);
    console.log(
      `  ${chats.length} turns; primary called ${primaryCalls} times for streamed answers; app time to first token ${overhead.text}`,
    );
    check(fiveHundreds(tally) === 0, `no 5xx with the primary failing (${JSON.stringify(tally.statuses)})`);
    check(
      chats.length > 0 && chats.every((e) => e.done === 'complete' && e.fallbackUsed),
      `every answer complete from the fallback (${chats.filter((e) => e.done === 'complete' && e.fallbackUsed).length}/${chats.length})`,
    );
    check(
      primaryCalls < chats.length / 2,
      `the failing primary is left alone after a few failures (circuit open): ${primaryCalls} primary calls for ${chats.length} answers`,
    );
    await nothingLost(s, techs, tally);
  } finally {
    await s.close();
  }
}

async function modelsFault() {
  const s = await stack();
  try {
    const techs = await makeTechnicians(USERS, 'models');
    s.model.setDefault('*', { kind: 'status', status: 503 });
    const tally = await underLoad(s, techs, () => sleep(40_000));
    const chats = tally.log.filter((e) => e.kind === 'chat');
    console.log(
      `  ${chats.length} turns; endings ${JSON.stringify(Object.fromEntries(chats.map((e) => `${e.done}/${e.mode}`).map((k, _, a) => [k, a.filter((x) => x === k).length])))}`,
    );
    check(fiveHundreds(tally) === 0, `no 5xx with both models failing (${JSON.stringify(tally.statuses)})`);
    check(
      chats.length > 0 && chats.every((e) => e.done === 'complete' && e.mode === 'manuals_only'),
      `every answer is a manuals-only answer (${chats.filter((e) => e.mode === 'manuals_only').length}/${chats.length})`,
    );
    // nothingLost compares complete answers with those reported complete.
    await nothingLost(s, techs, tally);
  } finally {
    await s.close();
  }
}

async function startNginx(upstreams: number[]): Promise<{ url: string; proc: ChildProcess; dir: string } | null> {
  const bin = findNginx();
  if (!bin) return null;
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const { dir, args, globals } = prepareNginx(bin, { upstreams: upstreams.map((u) => `127.0.0.1:${u}`), httpPort, httpsPort });
  const out = fs.openSync(path.join(dir, 'access.log'), 'a');
  const proc = spawn(bin, [...args, '-g', `${globals} daemon off;`], { stdio: ['ignore', out, 'pipe'] });
  fs.closeSync(out);
  proc.stderr?.on('data', (d: Buffer) => process.stderr.write(`[nginx] ${d.toString()}`));
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) throw new Error(`nginx exited (${proc.exitCode})`);
    if ((await request(`http://127.0.0.1:${httpPort}/nginx-health`)).status === 200) break;
    await sleep(150);
  }
  return { url: `https://127.0.0.1:${httpsPort}`, proc, dir };
}

/** Reads an SSE stream until `until(text so far)` or the timeout; resolves with the frames' types and the answer text. */
function readStream(url: string, token: string, until: (types: string[], text: string) => boolean, timeoutMs: number) {
  return new Promise<{ status: number; types: string[]; text: string; replies: string[] }>((resolve) => {
    const controller = new AbortController();
    const out = { status: 0, types: [] as string[], text: '', replies: [] as string[] };
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    void fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal })
      .then(async (res) => {
        out.status = res.status;
        const reader = res.body!.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let i: number;
          while ((i = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const type = /^event: (\S+)/m.exec(frame)?.[1];
            const raw = /^data: (.*)$/m.exec(frame)?.[1];
            if (!type || !raw) continue;
            out.types.push(type);
            const data = JSON.parse(raw) as { text?: string; message?: { role?: string; content?: string } };
            if (type === 'snapshot') out.text = data.text ?? '';
            if (type === 'token') out.text += data.text ?? '';
            if (type === 'reset') out.text = '';
            if (type === 'message' && data.message?.role === 'support') out.replies.push(data.message.content ?? '');
          }
          if (until(out.types, out.text)) break;
        }
      })
      .catch(() => {})
      .finally(() => {
        clearTimeout(timer);
        controller.abort();
        resolve(out);
      });
  });
}

async function nginxFault() {
  // Answers of about 20 s: still being written when the reader, dropped on A, joins B on a busy machine.
  const slow: Pacing = { firstTokenMs: 300, tokenMs: 100, tokens: 200 };
  const s = await stack({}, [PORT, PORT + 1], slow);
  const proxy = await startNginx([PORT, PORT + 1]);
  if (!proxy) {
    check(false, 'nginx is not installed: the two-instance run cannot be made');
    await s.close();
    return;
  }
  try {
    await sleep(1_500);
    const [a, b] = s.apps;
    const [tech] = await makeTechnicians(1, 'nginx');
    const [support] = await makeTechnicians(1, 'nginx-support', 'support');
    const others = await makeTechnicians(Math.min(USERS, 10), 'nginx-load');
    const tally = await underLoad(
      s,
      others,
      async () => {
        // A conversation, escalated; the technician follows it on B, support replies through A.
        const first = await chatTurn(proxy.url, tech.token, { message: '[nginx-1] The compressor shows E07.' });
        check(
          first.done?.status === 'complete',
          `a chat turn through nginx completes (${first.done?.status ?? first.errorCode ?? first.status})`,
        );
        if (!first.sessionId) return void check(false, 'the rest of the two-instance run needs that conversation');
        const sessionId = first.sessionId;
        const esc = await request(`${a.url}/api/sessions/${sessionId}/escalate`, {
          method: 'POST',
          token: tech.token,
          body: { urgency: 'normal' },
        });
        const escalationId = esc.status === 201 ? (JSON.parse(esc.body) as { escalation: { id: string } }).escalation.id : '';
        const reply = 'On my way, bring the E07 log.';
        const watching = readStream(`${b.url}/api/sessions/${sessionId}/stream`, tech.token, () => false, 8_000);
        await sleep(1_500);
        const posted = await request(`${a.url}/api/escalations/${escalationId}/replies`, {
          method: 'POST',
          token: support.token,
          body: { message: reply },
        });
        const seen = await watching;
        check(
          posted.status === 201 && seen.replies.includes(reply),
          `a support reply posted on instance A (${posted.status}) reaches the technician streaming from B (${seen.replies.length} replies seen)`,
        );

        // A stream resumed on the other instance: the answer starts on A, its reader drops and reconnects to B.
        // Dropped as soon as the first token arrives: the answer is mid-way.
        // A new conversation: in the escalated one support is engaged and the assistant stays silent.
        const dropped = await chatTurn(
          a.url,
          tech.token,
          { message: '[nginx-2] The drum motor trips the breaker, what next?' },
          (type) => type === 'token',
        );
        const resumeId = dropped.sessionId ?? '';
        const partial = dropped.text;
        const joinedAt = new Date();
        const resumed = await readStream(`${b.url}/api/sessions/${resumeId}/stream`, tech.token, (types) => types.includes('done'), 30_000);
        await sleep(1_000);
        const client = new pg.Client({ connectionString: s.databaseUrl });
        await client.connect();
        const { rows } = await client.query<{ content: string; status: string; created_at: Date; completed_at: Date | null }>(
          `select content, status, created_at, completed_at from ai_messages where session_id = $1 and role = 'assistant' order by seq desc limit 1`,
          [resumeId],
        );
        await client.end();
        check(
          resumed.types.includes('snapshot') &&
            resumed.types.includes('done') &&
            rows[0]?.status === 'complete' &&
            resumed.text === rows[0]?.content,
          `a stream begun on A resumes on B: snapshot then tokens to done, and the text read equals the stored answer (${resumed.text.length} vs ${rows[0]?.content.length ?? 0} chars, ${rows[0]?.status}; status ${resumed.status}, events ${[...new Set(resumed.types)].join(' ')}; ${partial.length} chars read on A before dropping (first token after ${Math.round(dropped.firstTokenMs)} ms); B joined ${joinedAt.getTime() - (rows[0]?.created_at.getTime() ?? 0)} ms after the answer began, it ended ${(rows[0]?.completed_at?.getTime() ?? 0) - (rows[0]?.created_at.getTime() ?? 0)} ms after)`,
        );
        await sleep(10_000);
      },
      { pacing: slow, baseUrl: () => proxy.url },
    );
    check(fiveHundreds(tally) === 0, `no 5xx through nginx with two instances (${JSON.stringify(tally.statuses)})`);
    await nothingLost(s, others, tally);
  } finally {
    proxy.proc.kill('SIGTERM');
    await stop(proxy.proc);
    fs.rmSync(proxy.dir, { recursive: true, force: true });
    await s.close();
  }
}

const SCENARIOS: Record<string, () => Promise<void>> = {
  redis: redisFault,
  postgres: postgresFault,
  smtp: smtpFault,
  sigterm: sigtermFault,
  primary: primaryFault,
  models: modelsFault,
  nginx: nginxFault,
};

async function main() {
  console.log(
    `Faults on ${machine()}, ${new Date().toISOString()}, load average ${loadAverage()}; ${USERS} technicians, think ~${THINK_MS} ms`,
  );
  for (const name of String(values.only).split(',')) {
    const run = SCENARIOS[name];
    if (!run) throw new Error(`unknown fault "${name}" (known: ${Object.keys(SCENARIOS).join(', ')})`);
    scenario = name;
    console.log(`\n== ${name} (${new Date().toISOString().slice(11, 19)}, load ${loadAverage()})`);
    try {
      await run();
    } catch (error) {
      check(false, `the run itself failed: ${(error as Error).stack ?? String(error)}`);
    }
  }
  const failed = results.filter((r) => !r.ok);
  console.log(
    `\n${results.length - failed.length}/${results.length} verdicts PASS${failed.length ? `; FAIL: ${failed.map((f) => `[${f.scenario}] ${f.label}`).join(' | ')}` : ''}`,
  );
  process.exit(failed.length ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
