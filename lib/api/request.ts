import 'server-only';
import crypto from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { env } from '@/lib/env';

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(n: string): string | null }).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/**
 * The client's address. Behind the trusted proxy (TRUST_PROXY) it is X-Real-IP, which the bundled
 * nginx sets from its own peer address, replacing any value a client sent; nothing else is read.
 * Reached directly, it is X-Forwarded-For: a route handler's Request does not carry the socket,
 * so this process's HTTP server writes the socket's address there before Next sees the request
 * (trustSocketAddress), replacing whatever the client sent. Next only fills that header in when
 * it is missing, so without that step a client could name any address.
 */
export function clientIp(headers: HeaderSource): string {
  if (env().TRUST_PROXY) return header(headers, 'x-real-ip')?.trim() || 'unknown';
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

/**
 * Without TRUST_PROXY, the forwarding headers of an incoming request are the client's own words:
 * X-Real-IP is dropped and X-Forwarded-For becomes the socket's address.
 */
export function stampSocketAddress(req: IncomingMessage): void {
  if (env().TRUST_PROXY) return;
  delete req.headers['x-real-ip'];
  const address = req.socket?.remoteAddress?.replace(/^::ffff:/, '');
  if (address) req.headers['x-forwarded-for'] = address;
  else delete req.headers['x-forwarded-for'];
}

/** Methods a fetch Request cannot carry: Next would fail on them with a 500 before any route runs. */
const REFUSED_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);
const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';

/** Answers a TRACE (or TRACK, where a parser lets it through) with 405 and the allowed methods; true when it did. */
export function refuseUnsupportedMethod(req: IncomingMessage, res: ServerResponse): boolean {
  if (!REFUSED_METHODS.has((req.method ?? '').toUpperCase())) return false;
  const body = JSON.stringify({ error: { code: 'method_not_allowed', message: `${req.method} is not supported.` } });
  res.writeHead(405, { allow: ALLOWED_METHODS, 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
  return true;
}

const INSTALLED = Symbol.for('fixline.trustSocketAddress');

/**
 * Runs on every request that an HTTP server of this process receives, before any listener (Next's
 * own server included) sees it: refuses the methods Next cannot handle, and stamps the socket's
 * address (stampSocketAddress). Called once at server start.
 */
export function trustSocketAddress(): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      if (refuseUnsupportedMethod(args[0] as IncomingMessage, args[1] as ServerResponse)) return true;
      stampSocketAddress(args[0] as IncomingMessage);
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestIdFrom(headers: HeaderSource): string {
  const given = header(headers, 'x-request-id');
  return given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}
