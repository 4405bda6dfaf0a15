// GET|POST /api/auth/* – sign-in, sign-out and session endpoints
import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';
import { withSignInRefusal } from '@/lib/auth/sign-in-limits';

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  const { response, refusal } = await withSignInRefusal(() => NextAuth(authOptions())(req, ctx));
  if (!refusal) return response;
  // A sign-in refused by the limits: 429 with Retry-After (a browser form post keeps its redirect to the sign-in page).
  const headers = new Headers(response.headers);
  headers.set('Retry-After', String(refusal.retryAfterSeconds));
  const status = response.status >= 300 && response.status < 400 ? response.status : 429;
  return new Response(response.body, { status, headers });
}

export { handler as GET, handler as POST };
