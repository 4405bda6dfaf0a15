import 'server-only';
import { env } from '@/lib/env';

export function isAllowedOrigin(origin: string): boolean {
  if (!origin || origin === 'null') return false;
  return env().CORS_ALLOWED_ORIGINS.includes(origin);
}

/** The page's own origin: the configured public URL, or the host this request came to. */
export function isSameOrigin(origin: string, req: { headers: { get(n: string): string | null } }): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin === new URL(env().appUrl).origin) return true;
  const host = (env().TRUST_PROXY && req.headers.get('x-forwarded-host')) || req.headers.get('host');
  return Boolean(host) && url.host === host;
}

export function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers': 'authorization, content-type, x-request-id',
    'access-control-expose-headers': 'x-request-id, retry-after',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}
