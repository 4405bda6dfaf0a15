// GET|POST /api/auth/* – sign-in, sign-out and session endpoints
import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';
import { safeReturnPath } from '@/lib/auth/return-path';
import { withSignInRefusal } from '@/lib/auth/sign-in-limits';
import { env } from '@/lib/env';

type Ctx = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth answers a `callbackUrl` query that is not an http URL (`javascript:…`, `%%%`) with a 500 "server
 * configuration" error, or a redirect to its error page: it is the visitor's input, not our configuration. A path on
 * this site is passed on as that path; anything else is dropped, so the default (the home page) applies.
 */
function withSafeCallbackUrl(req: NextRequest): NextRequest {
  const value = req.nextUrl.searchParams.get('callbackUrl');
  if (value === null) return req;
  const url = req.nextUrl.clone();
  const path = safeReturnPath(value, env().appUrl);
  if (path === value) return req;
  if (path) url.searchParams.set('callbackUrl', path);
  else url.searchParams.delete('callbackUrl');
  return new NextRequest(url, { method: req.method, headers: req.headers, body: req.body, duplex: 'half' } as ConstructorParameters<
    typeof NextRequest
  >[1]);
}

async function handler(req: NextRequest, ctx: Ctx) {
  const { response, refusal } = await withSignInRefusal(() => NextAuth(authOptions())(withSafeCallbackUrl(req), ctx));
  if (!refusal) return response;
  // A sign-in refused by the limits: 429 with Retry-After (a browser form post keeps its redirect to the sign-in page).
  const headers = new Headers(response.headers);
  headers.set('Retry-After', String(refusal.retryAfterSeconds));
  const status = response.status >= 300 && response.status < 400 ? response.status : 429;
  return new Response(response.body, { status, headers });
}

export { handler as GET, handler as POST };
