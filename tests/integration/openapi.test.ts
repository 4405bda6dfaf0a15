import fs from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import * as openapiRoute from '@/app/api/openapi.json/route';
import { routeDefinitions } from '@/lib/api/handler';
import { openApiDocument, parseRouteName, type ApiDocument, type ApiOperation } from '@/lib/openapi';
import { call } from '../helpers/api';

const ROOT = path.resolve(__dirname, '../..');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** POST/PUT/PATCH routes whose handler reads no body at all. */
const BODILESS = new Set([
  'POST /api/sessions/:id/stop',
  'POST /api/knowledge/:id/reindex',
  'POST /api/knowledge/reindex',
  'POST /api/admin/outbox/:id/retry',
  'POST /api/sessions/:id/read',
]);

/** app/api/**\/route.ts, relative to the repository. */
function routeFiles(dir = path.join(ROOT, 'app/api')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [path.relative(ROOT, full)] : [];
  });
}

/** app/api/sessions/[id]/stream/route.ts → /api/sessions/{id}/stream. */
const documentPath = (file: string) =>
  '/' +
  path
    .dirname(file)
    .replace(/^app\//, '')
    .replace(/\[(\w+)\]/g, '{$1}');

let doc: ApiDocument;

beforeAll(() => {
  doc = openApiDocument('http://localhost:3000');
});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(doc) as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('lists every route file of app/api in lib/openapi/routes.ts', () => {
    const list = fs.readFileSync(path.join(ROOT, 'lib/openapi/routes.ts'), 'utf8');
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(30);
    const missing = files.filter((file) => !list.includes(`import '@/${file.replace(/\.ts$/, '')}';`));
    expect(missing, 'add a line `import "@/app/api/…/route";` to lib/openapi/routes.ts for each').toEqual([]);
  });

  it('has an operation for every method that every route file exports', async () => {
    const missing: string[] = [];
    for (const file of routeFiles()) {
      const exported = await import(path.join(ROOT, file));
      const base = documentPath(file);
      for (const method of METHODS.filter((m) => typeof exported[m] === 'function')) {
        // next-auth's catch-all is described by its endpoints under /api/auth/.
        const catchAll = base.indexOf('[...');
        const paths = catchAll >= 0 ? Object.keys(doc.paths).filter((p) => p.startsWith(base.slice(0, catchAll))) : [base];
        if (!paths.some((p) => doc.paths[p]?.[method.toLowerCase()])) missing.push(`${method} ${base} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives every route that takes a JSON body a requestBody with its schema', () => {
    const withoutBody: string[] = [];
    for (const def of routeDefinitions()) {
      const { method, path: p } = parseRouteName(def.name);
      if (!['post', 'put', 'patch'].includes(method)) continue;
      const body = doc.paths[p][method].requestBody as { content: Record<string, { schema: object }> } | undefined;
      if (def.body) expect(body?.content['application/json']?.schema, def.name).toBeTruthy();
      if (!body && !BODILESS.has(def.name)) withoutBody.push(def.name);
    }
    expect(withoutBody).toEqual([]);
  });

  it('renders the zod schemas of bodies and queries', () => {
    const escalate = doc.paths['/api/sessions/{id}/escalate'].post;
    const schema = (escalate.requestBody as { content: Record<string, { schema: Record<string, unknown> }> }).content['application/json']
      .schema;
    expect(schema).toMatchObject({ type: 'object', required: ['urgency'], additionalProperties: false });
    expect(schema.properties).toMatchObject({ urgency: { enum: ['low', 'normal', 'high'] }, note: { maxLength: 2000 } });

    const chat = doc.paths['/api/chat'].post.requestBody as { content: Record<string, { schema: { anyOf?: unknown[] } }> };
    expect(chat.content['application/json'].schema.anyOf).toHaveLength(2);

    const inbox = doc.paths['/api/escalations'].get;
    expect(inbox.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'query', name: 'status' }),
        expect.objectContaining({ in: 'query', name: 'limit' }),
      ]),
    );
  });

  it('turns :params into {params}, each a required path parameter', () => {
    for (const [p, item] of Object.entries(doc.paths)) {
      expect(p).not.toMatch(/:/);
      const names = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(item)) {
        const params = (op.parameters ?? []) as { in: string; name: string; required?: boolean }[];
        expect(params.filter((x) => x.in === 'path').map((x) => x.name)).toEqual(names);
        for (const x of params.filter((x) => x.in === 'path')) expect(x.required).toBe(true);
        if (names.length) expect(op.responses).toHaveProperty('404');
      }
    }
    expect(doc.paths['/api/knowledge/chunks/{chunkId}'].get.parameters).toEqual([expect.objectContaining({ in: 'path', name: 'chunkId' })]);
  });

  it('describes the upload as multipart/form-data with the file field', () => {
    const upload = doc.paths['/api/knowledge'].post;
    const content = (upload.requestBody as { content: Record<string, { schema: { properties: Record<string, unknown> } }> }).content;
    expect(Object.keys(content)).toEqual(['multipart/form-data']);
    expect(content['multipart/form-data'].schema.properties.file).toMatchObject({
      type: 'array',
      items: { type: 'string', format: 'binary' },
    });
    expect(content['multipart/form-data'].schema.properties).toHaveProperty('replaceId');
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409', '413', '415', '422', '429']));
  });

  it('describes the streams as text/event-stream and files by their types', () => {
    const content = (op: ApiOperation, status = '200') => Object.keys((op.responses[status] as { content: object }).content);
    expect(content(doc.paths['/api/chat'].post)).toEqual(['text/event-stream']);
    expect(content(doc.paths['/api/sessions/{id}/stream'].get)).toEqual(['text/event-stream']);
    expect(content(doc.paths['/api/knowledge/{id}/file'].get)).toEqual(['application/pdf', 'text/plain']);
    expect(content(doc.paths['/api/metrics'].get)).toEqual(['text/plain']);
  });

  it('answers errors in the one error format, with Retry-After on 429 and 503', () => {
    const chat = doc.paths['/api/chat'].post.responses as Record<
      string,
      { content?: Record<string, { schema: unknown }>; headers?: object }
    >;
    for (const status of ['400', '401', '403', '404', '409', '413', '415', '429', '503']) {
      expect(chat[status]?.content?.['application/json'].schema, status).toEqual({ $ref: '#/components/schemas/Error' });
    }
    expect(chat['429'].headers).toHaveProperty('Retry-After');
    expect(chat['503'].headers).toHaveProperty('Retry-After');
    expect(doc.components?.schemas?.Error).toMatchObject({ required: ['error'] });

    // Admin routes refuse other roles; every signed-in route may be rate limited.
    expect(doc.paths['/api/admin/users'].get.responses).toHaveProperty('403');
    expect(doc.paths['/api/sessions'].get.responses).toHaveProperty('429');
    expect(doc.paths['/api/sessions'].get.responses).not.toHaveProperty('403');
  });

  it('declares the session cookie and the bearer token, and marks public routes', () => {
    expect(doc.components?.securitySchemes).toMatchObject({
      cookie: { type: 'apiKey', in: 'cookie', name: 'fixline.session-token' },
      bearer: { type: 'http', scheme: 'bearer' },
    });
    expect(doc.security).toEqual([{ cookie: [] }, { bearer: [] }]);
    for (const p of ['/api/health', '/api/health/live', '/api/health/ready', '/api/info', '/api/metrics', '/api/openapi.json']) {
      expect(doc.paths[p].get.security, p).toEqual([]);
    }
    expect(doc.paths['/api/sessions'].get.security).toBeUndefined();
    expect(doc.paths['/api/auth/callback/credentials'].post.requestBody).toBeTruthy();
  });

  it('has a unique operationId and a summary for each operation', () => {
    const ops = Object.values(doc.paths).flatMap((item) => Object.values(item));
    const ids = ops.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of ops) expect(op.summary, op.operationId).not.toMatch(/^(GET|POST|PUT|PATCH|DELETE) /);
  });
});

describe('GET /api/openapi.json', () => {
  it('serves the document to anyone, built once', async () => {
    const res = await call(openapiRoute.GET);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)));
    expect(openApiDocument('http://localhost:3000')).toBe(doc);
  });
});
