// Before anything else, as in the Next server: the request scope needs AsyncLocalStorage on the global object.
import 'next/dist/server/node-environment-baseline';
import { describe, expect, it } from 'vitest';
import * as nextauth from '@/app/api/auth/[...nextauth]/route';
import { sessionCookieName } from '@/lib/auth/cookies';
import { call, makeUser, TEST_PASSWORD } from '../helpers/api';

type Handler = Parameters<typeof call>[0];

/** The next-auth route reads the request through next/headers, which only answers inside the request scope Next opens. */
function inRequestScope(handler: Handler): Handler {
  return async (req, ctx) => {
    const { workAsyncStorage } = await import('next/dist/server/app-render/work-async-storage.external');
    const { workUnitAsyncStorage } = await import('next/dist/server/app-render/work-unit-async-storage.external');
    const { RequestCookies } = await import('next/dist/server/web/spec-extension/cookies');
    const work = { route: '/api/auth/[...nextauth]', forceStatic: false, dynamicShouldError: false } as never;
    const unit = { type: 'request', phase: 'render', headers: req.headers, cookies: new RequestCookies(req.headers) } as never;
    return workAsyncStorage.run(work, () => workUnitAsyncStorage.run(unit, () => handler(req, ctx)));
  };
}

function authCall(path: string, opts: Parameters<typeof call>[1] = {}) {
  const action = new URL(path, 'http://x').pathname.split('/').slice(3);
  const handler = (opts.method === 'POST' ? nextauth.POST : nextauth.GET) as unknown as Handler;
  return call(inRequestScope(handler), { ...opts, path, params: { nextauth: action } as unknown as Record<string, string> });
}

const BAD = ['javascript:alert(1)', 'JavaScript:alert(document.cookie)', '%%%', 'data:text/html,hi', 'https://evil.example.com/'];

describe('a callbackUrl query on the sign-in endpoints', () => {
  it.each(BAD)('%s: the session and CSRF endpoints answer as usual, not with a 500', async (bad) => {
    const user = await makeUser('technician');
    const q = `?callbackUrl=${encodeURIComponent(bad)}`;
    const session = await authCall(`/api/auth/session${q}`, { as: user });
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ user: { id: user.id } });
    expect((await authCall(`/api/auth/csrf${q}`)).status).toBe(200);
  });

  it.each(BAD)("%s: next-auth's sign-in address sends to the sign-in page, without an error and without it", async (bad) => {
    const res = await authCall(`/api/auth/signin?callbackUrl=${encodeURIComponent(bad)}`);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!, 'http://localhost:3000');
    expect(location.pathname).toBe('/sign-in');
    expect(location.searchParams.get('error')).toBeNull();
    expect(new URL(location.searchParams.get('callbackUrl') ?? 'http://localhost:3000/').origin).toBe('http://localhost:3000');
  });

  it('keeps a path on this site', async () => {
    const res = await authCall('/api/auth/signin?callbackUrl=%2Fescalations%2F123');
    const location = new URL(res.headers.get('location')!, 'http://localhost:3000');
    expect(location.searchParams.get('callbackUrl')).toBe('http://localhost:3000/escalations/123');
  });

  it('signs in through a credentials post that carries one, and goes home', async () => {
    const user = await makeUser('support');
    const csrf = await authCall('/api/auth/csrf');
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((l) => l.split(';')[0])
      .join('; ');
    const res = await authCall('/api/auth/callback/credentials?callbackUrl=javascript%3Aalert(1)', {
      method: 'POST',
      body: new URLSearchParams({ csrfToken, email: user.email, password: TEST_PASSWORD, json: 'true' }),
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.77.0.1' },
    });
    expect(res.status).toBe(200);
    const { url } = (await res.json()) as { url: string };
    expect(new URL(url)).toMatchObject({ origin: 'http://localhost:3000', pathname: '/' });
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${sessionCookieName()}=ey`))).toBe(true);
  });
});
