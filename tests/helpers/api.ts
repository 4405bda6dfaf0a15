import crypto from 'node:crypto';
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import type { Role } from '@/db/schema';
import { insertConsent } from '@/db/queries/consents';
import { createUser } from '@/db/queries/users';
import { sessionCookieName } from '@/lib/auth/cookies';
import { hashPassword } from '@/lib/auth/password';
import { authSecret } from '@/lib/auth/secret';
import { issueApiToken } from '@/lib/auth/tokens';
import { CONSENT_VERSION } from '@/lib/privacy/consent';

export const ORIGIN = 'http://localhost:3000';
export const TEST_PASSWORD = 'correct-horse-battery-staple-42';

let cachedHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  sessionVersion: number;
  /** Cookie header value of a signed-in browser session. */
  cookie: string;
  /** A personal API token for Authorization: Bearer. */
  token: string;
}

/**
 * A real user row with a signed session cookie and an API token. The user has consented to AI
 * processing (the current version) unless `consent: false`.
 */
export async function makeUser(role: Role, overrides: { email?: string; name?: string; consent?: boolean } = {}): Promise<TestUser> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const email = overrides.email ?? `${role}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const user = await createUser({ email, name: overrides.name ?? `Test ${role}`, role, passwordHash: await cachedHash });
  const jwt = await encode({
    token: { uid: user.id, role: user.role, sv: user.sessionVersion, sid: crypto.randomUUID(), email: user.email, name: user.name },
    secret: authSecret(),
  });
  const { token } = await issueApiToken({ userId: user.id, name: 'test' });
  if (overrides.consent !== false) await insertConsent({ userId: user.id, version: CONSENT_VERSION });
  return { id: user.id, email: user.email, role, sessionVersion: user.sessionVersion, cookie: `${sessionCookieName()}=${jwt}`, token };
}

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  path?: string;
  as?: TestUser | null;
  /** 'cookie' (default, sends a same-origin Origin) or 'token'. */
  auth?: 'cookie' | 'token';
  json?: unknown;
  /** Raw body; set content-type yourself. */
  body?: BodyInit;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  origin?: string | null;
}

/** Calls a route handler in-process with a real NextRequest. */
export async function call(handler: Handler, opts: CallOptions = {}): Promise<Response> {
  const method = opts.method ?? (opts.json !== undefined || opts.body !== undefined ? 'POST' : 'GET');
  const headers = new Headers(opts.headers);
  if (!headers.has('host')) headers.set('host', 'localhost:3000');
  if (opts.as) {
    if (opts.auth === 'token') headers.set('authorization', `Bearer ${opts.as.token}`);
    else headers.set('cookie', opts.as.cookie);
  }
  if (opts.origin !== null && method !== 'GET' && !headers.has('origin')) headers.set('origin', opts.origin ?? ORIGIN);
  let body = opts.body;
  if (opts.json !== undefined) {
    body = typeof opts.json === 'string' ? opts.json : JSON.stringify(opts.json);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const req = new NextRequest(new URL(opts.path ?? '/api/test', ORIGIN), { method, headers, body, duplex: 'half' } as ConstructorParameters<
    typeof NextRequest
  >[1]);
  return handler(req, { params: Promise.resolve(opts.params ?? {}) });
}

export async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return body.error;
}
