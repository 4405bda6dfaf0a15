import { NextResponse, type NextRequest } from 'next/server';
import { corsHeaders, isAllowedOrigin } from '@/lib/api/cors';
import { RETURN_PATH_HEADER } from '@/lib/auth/return-path';

// Two jobs, each only on the requests its matcher names (others go straight to their route, without the cost of a
// proxy step):
// - answers CORS preflights for the API (which always name the method they ask for): allowed origins get the CORS
//   headers, others none;
// - tells the signed-in pages which path was asked for, so a signed-out visitor (a link from an email, say) is sent
//   to sign-in with that path to come back to.
export function proxy(request: NextRequest) {
  if (request.method === 'OPTIONS' && request.nextUrl.pathname.startsWith('/api/')) {
    const origin = request.headers.get('origin') ?? '';
    const headers = isAllowedOrigin(origin) ? corsHeaders(origin) : {};
    return new NextResponse(null, { status: isAllowedOrigin(origin) ? 204 : 403, headers });
  }
  const url = request.nextUrl.clone();
  url.searchParams.delete('_rsc'); // a client-side navigation's own marker, not part of the page's address
  const headers = new Headers(request.headers);
  headers.set(RETURN_PATH_HEADER, `${url.pathname}${url.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: [
    { source: '/api/:path*', has: [{ type: 'header', key: 'access-control-request-method' }] },
    // The pages under app/(app), which need a signed-in user.
    '/chat/:path*',
    '/escalations/:path*',
    '/knowledge/:path*',
    '/admin/:path*',
    '/profile/:path*',
    '/manuals/:path*',
  ],
};
