import 'server-only';
import crypto from 'node:crypto';
import { env } from '@/lib/env';

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(n: string): string | null }).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/**
 * The client's address. Behind the trusted proxy (TRUST_PROXY) it is X-Real-IP; otherwise the
 * last X-Forwarded-For entry, the one added by our own server, which a client cannot forge.
 */
export function clientIp(headers: HeaderSource): string {
  if (env().TRUST_PROXY) {
    const real = header(headers, 'x-real-ip');
    if (real) return real.trim();
  }
  const forwarded = header(headers, 'x-forwarded-for');
  if (forwarded) {
    const parts = forwarded
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length) return parts[parts.length - 1].replace(/^::ffff:/, '');
  }
  return 'unknown';
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestIdFrom(headers: HeaderSource): string {
  const given = header(headers, 'x-request-id');
  return given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}
