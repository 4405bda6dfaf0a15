/** Request header the proxy sets on page requests: the path (and query) asked for, for sign-in to return to. */
export const RETURN_PATH_HEADER = 'x-fixline-return-path';

const BASE = 'http://return-path.invalid';

/**
 * The same-origin path (with query and fragment) to return to after signing in, from an untrusted value (the
 * sign-in page's `callbackUrl`, a header); null for anything else: missing, malformed, another site (`//evil.example`,
 * `/\evil.example`), another scheme (`javascript:`), control characters, or the sign-in page itself. An absolute URL
 * is accepted when its origin is `appOrigin`.
 */
export function safeReturnPath(value: unknown, appOrigin?: string): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null;
  // Browsers read a backslash as a slash, and drop tabs and newlines from URLs: neither belongs in a path we make.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  let target: URL;
  try {
    if (value.startsWith('/') && !value.startsWith('//')) target = new URL(value, BASE);
    else if (appOrigin && /^https?:\/\//i.test(value)) {
      target = new URL(value);
      if (target.origin !== new URL(appOrigin).origin) return null;
    } else return null;
  } catch {
    return null;
  }
  if (target.pathname === '/sign-in' || target.pathname.startsWith('/api/auth/')) return null;
  return `${target.pathname}${target.search}${target.hash}`;
}
