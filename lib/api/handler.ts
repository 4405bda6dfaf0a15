import 'server-only';
import type { NextRequest } from 'next/server';
import { z, ZodError, type ZodType } from 'zod';
import { isDatabaseUnavailable } from '@/db';
import type { Role } from '@/db/schema';
import { authenticate, type AuthUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { AppError, databaseUnavailable, forbidden, unauthorized } from '@/lib/errors';
import { errorSummary, log } from '@/lib/log';
import { metrics } from '@/lib/ops/metrics';
import { LIMITS, RATE_LIMITS } from '@/lib/policies';
import { consumeOrThrow } from '@/lib/rate-limit';
import type { RequestMeta } from '@/lib/audit';
import { readJsonBody, rejectNul } from './body';
import { corsHeaders, isAllowedOrigin, isSameOrigin } from './cors';
import { clientIp, requestIdFrom } from './request';

type Params = Record<string, string | string[] | undefined>;

export interface HandlerContext<TBody, TQuery, TAuth extends AuthUser | null> {
  req: NextRequest;
  user: TAuth;
  body: TBody;
  query: TQuery;
  params: Params;
  requestId: string;
  meta: RequestMeta;
}

interface Options<TBody extends ZodType | undefined, TQuery extends ZodType | undefined> {
  /** Route label for metrics and the API document, e.g. 'GET /api/sessions/:id'. */
  name: string;
  /** Default: signed in with any role. `false`: public. */
  auth?: boolean;
  roles?: readonly Role[];
  body?: TBody;
  query?: TQuery;
  maxBodyBytes?: number;
}

/** A response for the API document: a JSON body's schema, or a description with its media types. */
export type ResponseDoc = ZodType | { description: string; content?: Record<string, { schema?: ZodType | object }> };

/** What the API document (lib/openapi) says of a route beyond what route() knows. */
export interface RouteDoc {
  /** What the route does, in one line. */
  summary?: string;
  /** Successful responses by status (default: 200 with a JSON body). */
  responses?: Partial<Record<number, ResponseDoc>>;
  /** Error statuses the route's own logic answers (404, 409, 422, 503…); route()'s own are added. */
  errors?: readonly number[];
  /** A body that route() does not read itself: a multipart upload, or JSON that may be left out (`required: false`). */
  requestBody?: { required?: boolean; content: Record<string, { schema: ZodType | object }> };
}

/** A route as the API document sees it. */
export interface RouteDefinition extends RouteDoc {
  name: string;
  auth?: boolean;
  roles?: readonly Role[];
  body?: ZodType;
  query?: ZodType;
  /** Made with route(): its own errors apply (401, 403, 400, 413, 415, 429, 500, and 503 while the database is unreachable). */
  wrapped?: boolean;
}

// The registry of routes, filled as route modules load (lib/openapi/routes.ts loads them all).
const definitions = new Map<string, RouteDefinition>();
const names = new WeakMap<object, string>();

/** Records a route that is a plain handler, not route() (next-auth's, the liveness probe). */
export function describeRoute(definition: RouteDefinition): void {
  definitions.set(definition.name, definition);
}

/** Documents a route() handler, at the end of its route file: `documentRoute(POST, { summary, responses })`. */
export function documentRoute(handler: object, doc: RouteDoc): void {
  const name = names.get(handler);
  const definition = name ? definitions.get(name) : undefined;
  if (!definition) throw new Error('documentRoute() takes a handler made with route().');
  Object.assign(definition, doc);
}

/** Every route recorded so far (the modules that define them must have been imported). */
export function routeDefinitions(): RouteDefinition[] {
  return [...definitions.values()];
}

type Infer<T> = T extends ZodType ? z.infer<T> : undefined;
type AuthOf<O> = O extends { auth: false } ? AuthUser | null : AuthUser;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Wraps a route handler: request id, authentication (cookie or bearer token), role check,
 * CSRF origin check, input parsing with zod, one error format, metrics and logs.
 */
export function route<
  TBody extends ZodType | undefined = undefined,
  TQuery extends ZodType | undefined = undefined,
  O extends Options<TBody, TQuery> = Options<TBody, TQuery>,
>(
  options: O & Options<TBody, TQuery>,
  handler: (ctx: HandlerContext<Infer<TBody>, Infer<TQuery>, AuthOf<O>>) => Promise<Response | unknown>,
) {
  describeRoute({ name: options.name, auth: options.auth, roles: options.roles, body: options.body, query: options.query, wrapped: true });
  const wrapped = async (req: NextRequest, context?: { params?: Promise<Params> }): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers);
    const meta: RequestMeta = { requestId, ip: clientIp(req.headers), userAgent: req.headers.get('user-agent') };
    const origin = req.headers.get('origin');
    let response: Response;
    let user: AuthUser | null = null;
    try {
      const authRequired = options.auth !== false;
      user = await authenticate(req.headers, req.cookies);
      if (req.headers.get('authorization') && !user) throw unauthorized('The API token is invalid, expired or revoked.');
      if (authRequired && !user) throw unauthorized();
      if (options.roles && user && !options.roles.includes(user.role)) throw forbidden();

      // Cookie-authenticated changes must come from our own pages or an allowed origin.
      if (STATE_CHANGING.has(req.method) && user?.via !== 'token' && authRequired) {
        if (!origin || !(isSameOrigin(origin, req) || isAllowedOrigin(origin))) {
          throw forbidden('Cross-site request refused: the Origin header is missing or not allowed.');
        }
      }
      // The body arrives while the rate limit is checked; a refused request still gets its 429 first.
      const rawBody = options.body ? readJsonBody(req, options.maxBodyBytes ?? LIMITS.jsonBodyBytes) : undefined;
      rawBody?.catch(() => {});
      if (user) await consumeOrThrow(RATE_LIMITS.apiPerUser, user.id, 'Too many requests. Slow down and try again shortly.');

      // Postgres cannot store U+0000 in text: such input is refused here, for every route, before any query sees it.
      const rawQuery = Object.fromEntries(req.nextUrl.searchParams);
      rejectNul(rawQuery, 'query');
      const params = (await context?.params) ?? {};
      rejectNul(params, 'path');
      const query = options.query ? parseInput(options.query, rawQuery, 'query') : undefined;
      const body = options.body ? parseInput(options.body, await rawBody, 'body') : undefined;

      const result = await handler({
        req,
        user: user as AuthOf<O>,
        body: body as Infer<TBody>,
        query: query as Infer<TQuery>,
        params,
        requestId,
        meta,
      });
      response = result instanceof Response ? result : Response.json(result ?? { ok: true });
    } catch (error) {
      response = toErrorResponse(error, requestId, options.name);
    }

    response.headers.set('x-request-id', requestId);
    if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
    if (origin && isAllowedOrigin(origin)) for (const [k, v] of Object.entries(corsHeaders(origin))) response.headers.set(k, v);

    const seconds = (performance.now() - started) / 1000;
    const labels = { method: req.method, route: options.name, status: String(response.status) };
    metrics().httpRequests.inc(labels);
    metrics().httpDuration.observe(labels, seconds);
    if (response.status >= 500 || env().LOG_LEVEL === 'debug') {
      log().info({ requestId, route: options.name, status: response.status, ms: Math.round(seconds * 1000), userId: user?.id }, 'request');
    }
    return response;
  };
  names.set(wrapped, options.name);
  return wrapped;
}

function parseInput<T extends ZodType>(schema: T, input: unknown, where: 'body' | 'query'): z.infer<T> {
  rejectNul(input, where);
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}

export function validationError(error: ZodError, where = 'body'): AppError {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0];
  const message = first ? `Invalid ${where}: ${first.path ? `${first.path}: ` : ''}${first.message}` : `Invalid ${where}.`;
  return new AppError('validation_error', message, { details: issues });
}

export function toErrorResponse(error: unknown, requestId: string, routeName: string): Response {
  if (error instanceof AppError) return error.toResponse(requestId);
  if (error instanceof ZodError) return validationError(error).toResponse(requestId);
  if (isDatabaseUnavailable(error)) {
    // Expected while Postgres restarts: the client is told to try again, the log says why.
    log().warn({ requestId, route: routeName, err: errorSummary(error) }, 'database unreachable');
    return databaseUnavailable().toResponse(requestId);
  }
  log().error(
    {
      requestId,
      route: routeName,
      err: errorSummary(error),
      stack: stackFrames(error),
    },
    'unhandled error',
  );
  return new AppError(
    'internal_error',
    'Something went wrong on our side. Try again; if it keeps happening, quote the request id.',
  ).toResponse(requestId);
}

/** The first frames of an error's stack, without its message: a database error's message holds the query and its parameters. */
function stackFrames(error: unknown): string | undefined {
  if (!(error instanceof Error) || !error.stack) return undefined;
  const header = `${error.name}: ${error.message}`;
  const stack = error.stack.startsWith(header) ? error.stack.slice(header.length) : error.stack;
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 5)
    .join('\n');
}
