import { NextResponse, type NextRequest } from 'next/server';
import { corsHeaders, isAllowedOrigin } from '@/lib/api/cors';

// Answers CORS preflights for the API: allowed origins get the CORS headers, others none. Only
// preflights (which always name the method they ask for) run it; other requests go straight to
// their route, without the cost of a proxy step.
export function proxy(request: NextRequest) {
  if (request.method !== 'OPTIONS') return NextResponse.next();
  const origin = request.headers.get('origin') ?? '';
  const headers = isAllowedOrigin(origin) ? corsHeaders(origin) : {};
  return new NextResponse(null, { status: isAllowedOrigin(origin) ? 204 : 403, headers });
}

export const config = {
  matcher: [{ source: '/api/:path*', has: [{ type: 'header', key: 'access-control-request-method' }] }],
};
