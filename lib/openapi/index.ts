import 'server-only';
import { z, type ZodType } from 'zod';
import {
  createDocument,
  type oas31,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
} from 'zod-openapi';
import pkg from '@/package.json';
import { routeDefinitions, type ResponseDoc, type RouteDefinition } from '@/lib/api/handler';
import { sessionCookieName } from '@/lib/auth/cookies';
import { ERROR_DESCRIPTIONS, errorSchema } from './schemas';
// Every route module, so that each route() has recorded its definition.
import './routes';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
const STATE_CHANGING = new Set<Method>(['post', 'put', 'patch', 'delete']);

/** The generated document, typed so that `doc.paths[path][method]` reads as an operation. */
export type ApiDocument = Omit<oas31.OpenAPIObject, 'paths'> & { paths: Record<string, Record<string, ApiOperation>> };
export type ApiOperation = oas31.OperationObject & { responses: oas31.ResponsesObject };

const cache = new Map<string, ApiDocument>();

/** The API's OpenAPI 3.1 document, built from the routes' own definitions (zod schemas included); built once per server URL. */
export function openApiDocument(serverUrl: string): ApiDocument {
  let doc = cache.get(serverUrl);
  if (!doc) {
    doc = buildDocument(serverUrl, routeDefinitions());
    cache.set(serverUrl, doc);
  }
  return doc;
}

/** 'POST /api/sessions/:id/escalate' → ['post', '/api/sessions/{id}/escalate', ['id']]. */
export function parseRouteName(name: string): { method: Method; path: string; params: string[] } {
  const match = /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/.exec(name);
  if (!match) throw new Error(`Route name "${name}" is not "<METHOD> /path".`);
  const params = [...match[2].matchAll(/:(\w+)/g)].map((m) => m[1]);
  return { method: match[1].toLowerCase() as Method, path: match[2].replace(/:(\w+)/g, '{$1}'), params };
}

function buildDocument(serverUrl: string, definitions: RouteDefinition[]): ApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  const byPath = definitions.map((def) => ({ def, ...parseRouteName(def.name) })).sort((a, b) => a.path.localeCompare(b.path));
  for (const { def, method, path } of byPath) paths[path] = { ...paths[path], [method]: operation(def) };
  const doc = createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Fixline API',
      version: pkg.version,
      description:
        'Chat support for field technicians, grounded in machine manuals, with escalation to human support. ' +
        'Errors are JSON `{ error: { code, message } }` with the status of their code.',
    },
    servers: [{ url: serverUrl }],
    security: [{ cookie: [] }, { bearer: [] }],
    components: {
      securitySchemes: {
        cookie: {
          type: 'apiKey',
          in: 'cookie',
          name: sessionCookieName(),
          description: 'The session cookie set by signing in (next-auth)',
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A personal API token (POST /api/me/tokens), sent as Authorization: Bearer <token>',
        },
      },
      schemas: { Error: errorSchema },
    },
    paths,
  });
  return doc as ApiDocument;
}

function operation(def: RouteDefinition): ZodOpenApiOperationObject {
  const { method, path, params } = parseRouteName(def.name);
  const signedIn = def.auth !== false;
  const roles = def.roles?.length ? `Roles: ${def.roles.join(', ')}.` : undefined;
  const op: ZodOpenApiOperationObject = {
    operationId: operationId(method, path),
    tags: [path.split('/')[2] ?? 'api'],
    summary: def.summary ?? def.name,
    ...(roles ? { description: roles } : {}),
    ...(signedIn ? {} : { security: [] }),
    responses: { ...successResponses(def), ...errorResponses(def, method, params) },
  };
  const requestParams: NonNullable<ZodOpenApiOperationObject['requestParams']> = {};
  if (params.length) requestParams.path = z.object(Object.fromEntries(params.map((p) => [p, z.uuid()])));
  if (def.query) requestParams.query = def.query as NonNullable<typeof requestParams.query>;
  if (params.length || def.query) op.requestParams = requestParams;
  if (def.body) op.requestBody = { required: true, content: { 'application/json': { schema: def.body } } };
  else if (def.requestBody) op.requestBody = { required: def.requestBody.required ?? true, content: def.requestBody.content };
  return op;
}

function operationId(method: Method, path: string): string {
  const words = path
    .replace(/^\/api\/?/, '')
    .split(/[/.{}-]+/)
    .filter(Boolean);
  return method + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function isZod(value: unknown): value is ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

function successResponses(def: RouteDefinition): Record<string, ZodOpenApiResponseObject> {
  const responses: Partial<Record<number, ResponseDoc>> = def.responses ?? {
    200: { description: 'Success', content: { 'application/json': {} } },
  };
  return Object.fromEntries(
    Object.entries(responses).map(([status, doc]) => [
      status,
      isZod(doc) ? { description: 'Success', content: { 'application/json': { schema: doc } } } : (doc as ZodOpenApiResponseObject),
    ]),
  );
}

function errorResponses(def: RouteDefinition, method: Method, params: string[]): Record<string, ZodOpenApiResponseObject> {
  const statuses = new Set<number>(def.errors);
  if (def.wrapped) {
    const signedIn = def.auth !== false;
    if (signedIn) statuses.add(401).add(429);
    if (def.roles?.length || (signedIn && STATE_CHANGING.has(method))) statuses.add(403);
    if (def.query) statuses.add(400);
    if (def.body) statuses.add(400).add(413).add(415);
    statuses.add(500).add(503);
  }
  if (params.length) statuses.add(404);
  return Object.fromEntries([...statuses].sort((a, b) => a - b).map((status) => [String(status), errorResponse(status)]));
}

function errorResponse(status: number): ZodOpenApiResponseObject {
  const retryAfter = status === 429 || status === 503;
  return {
    description: ERROR_DESCRIPTIONS[status] ?? 'Error',
    content: { 'application/json': { schema: errorSchema } },
    ...(retryAfter
      ? { headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } } } }
      : {}),
  };
}
