import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { aiAuditLogs } from '@/db/schema';
import { clientIp, trustSocketAddress } from '@/lib/api/request';
import { authOptions } from '@/lib/auth/options';
import { resetEnv } from '@/lib/env';
import { store } from '@/lib/store';
import { makeUser, TEST_PASSWORD } from '../helpers/api';

type Authorize = (
  credentials: Record<string, string>,
  req: { headers: Record<string, string> },
) => Promise<{ id: string; role: string } | null>;

let server: http.Server;
let base: string;

/**
 * A real HTTP server in this process that does what Next's own server does before a route runs
 * (it fills in X-Forwarded-For from the socket only when the request has none), then runs the
 * credentials check with the request's headers, as the sign-in endpoint does.
 */
beforeAll(async () => {
  // The limits count in Redis once it is connected (in memory before that): wait for it.
  expect((await store().health()).status).toBe('ok');
  trustSocketAddress();
  server = http.createServer((req, res) => {
    req.headers['x-forwarded-for'] ??= req.socket.remoteAddress;
    const headers = req.headers as Record<string, string>;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const provider = authOptions().providers[0] as unknown as { options: { authorize: Authorize } };
    provider.options
      .authorize({ email: url.searchParams.get('email') ?? '', password: url.searchParams.get('password') ?? '' }, { headers })
      .then(
        (user) => ({ ok: Boolean(user), error: null as string | null }),
        (error: Error) => ({ ok: false, error: error.message }),
      )
      .then((result) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...result, ip: clientIp(headers) })),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function signIn(email: string, password: string, headers: Record<string, string>) {
  const res = await fetch(`${base}/?${new URLSearchParams({ email, password })}`, { headers });
  return (await res.json()) as { ok: boolean; error: string | null; ip: string };
}

describe('client address reached directly (TRUST_PROXY unset)', () => {
  it('ignores forged forwarding headers: a new X-Forwarded-For each time gives no fresh sign-in budget', async () => {
    const other = await makeUser('technician');
    for (let i = 0; i < 5; i++) {
      const attempt = await signIn(other.email, `wrong-password-${i}-xxxx`, {
        'x-forwarded-for': `203.0.113.${i}`,
        'x-real-ip': `198.51.100.${i}`,
      });
      expect(attempt).toMatchObject({ error: 'CredentialsSignin', ip: '127.0.0.1' });
    }
    // The right password, another forged address: the socket's address has no attempts left on that account.
    const blocked = await signIn(other.email, TEST_PASSWORD, { 'x-forwarded-for': '192.0.2.77' });
    expect(blocked).toMatchObject({ ok: false, error: 'RateLimited', ip: '127.0.0.1' });
  });

  it('records the socket address in the audit log, not the forged one', async () => {
    const { resetLimit } = await import('@/lib/rate-limit');
    const { RATE_LIMITS } = await import('@/lib/policies');
    await resetLimit(RATE_LIMITS.signInPerIp, '127.0.0.1');
    const user = await makeUser('support');
    expect(await signIn(user.email, TEST_PASSWORD, { 'x-forwarded-for': '203.0.113.200, 203.0.113.201' })).toMatchObject({ ok: true });
    const rows = await db()
      .select()
      .from(aiAuditLogs)
      .where(and(eq(aiAuditLogs.actorId, user.id), eq(aiAuditLogs.action, 'auth.sign_in')));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'success', ip: '127.0.0.1' });
  });
});

describe('client address behind the bundled nginx (TRUST_PROXY=true)', () => {
  beforeAll(() => {
    process.env.TRUST_PROXY = 'true';
    resetEnv();
  });
  afterAll(() => {
    delete process.env.TRUST_PROXY;
    resetEnv();
  });

  it('takes only X-Real-IP, never X-Forwarded-For', () => {
    expect(clientIp(new Headers({ 'x-real-ip': '198.51.100.7', 'x-forwarded-for': '203.0.113.9, 198.51.100.7' }))).toBe('198.51.100.7');
    expect(clientIp(new Headers({ 'x-forwarded-for': '203.0.113.9' }))).toBe('unknown');
  });
});

describe('methods a route cannot take', () => {
  function send(method: string): Promise<{ status: number; allow: string | undefined; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${base}/`, { method }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('answers TRACE with 405 and the allowed methods, before any listener runs', async () => {
    const res = await send('TRACE');
    expect(res.status).toBe(405);
    expect(res.allow).toContain('GET');
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'method_not_allowed' } });
    // TRACK is no HTTP method to Node's parser: it refuses it itself, with a 400.
    expect((await send('TRACK')).status).toBe(400);
    expect((await send('GET')).status).toBe(200);
  });
});
