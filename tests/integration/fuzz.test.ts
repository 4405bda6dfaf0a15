// Every route of the API document, called as every kind of caller with inputs generated from its
// own schemas and then mutated the way a hostile or broken client would: no response may be a 5xx.
// FUZZ_RUNS (default 2,000) and FUZZ_SEED (default fixed) size and replay a run; `npm run fuzz`
// is the long one. The seed is printed; the same seed gives the same requests.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../helpers/api';
import { apiRoutes, makeWorld, send, onOwnDatabase, type ApiRoute, type World } from '../helpers/api-world';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
/** New users, conversations and ids every this many requests: a run deletes accounts and revokes tokens as it goes. */
const WORLD_EVERY = 150;

type Json = Record<string, unknown>;
type Schema = Json & { $ref?: string };

let routes: ApiRoute[] = [];
let components: Record<string, Schema> = {};

onOwnDatabase('fixline_fuzz');

beforeAll(async () => {
  const api = await apiRoutes();
  routes = api.routes;
  components = (api.doc.components?.schemas ?? {}) as Record<string, Schema>;
});

// ---- values from a JSON schema (what zod-openapi writes), then hostile ones ----

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u001b[31m\u007f',
  '\r\n\r\nX-Injected: 1',
  '\ud800',
  '\uffff\ufeff\u200b\u202e',
  '🔧🛠️👩🏽‍🔧',
  'Ünïcödé straße ß',
  "'; drop table users; --",
  '%00%ff%',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  'null',
  '-1',
  '1e309',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];

const hugeString = fc.constantFrom(10_000, 100_000, 1_100_000).map((n) => 'x'.repeat(n));
const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), maxLength: 10 }),
  hugeString,
);
const anything = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e308, null, true, false),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

function resolve(schema: Schema): Schema {
  if (schema.$ref) return resolve(components[schema.$ref.split('/').pop()!] ?? {});
  return schema;
}

/** A value that the schema accepts, most of the time (formats and patterns loosely). */
function fromSchema(input: Schema, ids: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(input);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (union?.length) return fc.oneof(...union.map((s) => fromSchema(s, ids, depth + 1)));
  if (Array.isArray(schema.allOf) && schema.allOf.length) return fromSchema(schema.allOf[0] as Schema, ids, depth + 1);
  const type = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  const t = type.find((x) => x !== 'null') ?? (schema.properties ? 'object' : undefined);
  switch (t) {
    case 'string': {
      const format = schema.format as string | undefined;
      if (format === 'uuid') return ids;
      if (format === 'email') return fc.emailAddress();
      if (format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      if (format === 'date')
        return fc
          .date({ noInvalidDate: true, min: new Date(2000, 0, 1), max: new Date(2100, 0, 1) })
          .map((d) => d.toISOString().slice(0, 10));
      const min = Number(schema.minLength ?? 0);
      const max = Math.max(min, Math.min(Number(schema.maxLength ?? 60), 200));
      return fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
    }
    case 'integer':
      return fc.integer({ min: Number(schema.minimum ?? -10), max: Number(schema.maximum ?? 1000) });
    case 'number':
      return fc.double({ min: Number(schema.minimum ?? -10), max: Number(schema.maximum ?? 1000), noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      if (depth > 4) return fc.constant([]);
      const items = (schema.items as Schema | undefined) ?? {};
      return fc.array(fromSchema(items, ids, depth + 1), {
        minLength: Number(schema.minItems ?? 0),
        maxLength: Math.min(Number(schema.maxItems ?? 4), 6),
      });
    }
    case 'object': {
      if (depth > 4) return fc.constant({});
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const record = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, fromSchema(s, ids, depth + 1)]));
      return fc.record(record, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
    }
    default:
      return anything;
  }
}

/** A hostile change to a generated object: a field of the wrong type or nasty, missing, or extra. */
function mutate(value: unknown): fc.Arbitrary<unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return anything;
  const keys = Object.keys(value);
  const extra = fc.record({
    key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'role', 'userId', 'id')),
    v: anything,
  });
  return fc.oneof(
    keys.length ? fc.record({ key: fc.constantFrom(...keys), v: anything }).map(({ key, v }) => ({ ...value, [key]: v })) : anything,
    keys.length
      ? fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(value).filter(([k]) => k !== key)))
      : fc.constant({}),
    extra.map(({ key, v }) => JSON.parse(JSON.stringify({ ...value, [key]: v })) as unknown),
    fc.constant(Object.fromEntries(keys.map((k) => [k, NASTY_STRINGS[3]]))),
  );
}

// ---- one request ----

type Caller = 'anonymous' | 'technician' | 'support' | 'admin' | 'bearer';
const CALLERS: Caller[] = ['anonymous', 'technician', 'support', 'admin', 'bearer'];

type BodyKind = 'schema' | 'mutated' | 'bad-json' | 'wrong-type' | 'none' | 'huge';
interface Case {
  route: number;
  caller: Caller;
  params: Record<string, string>;
  query: Record<string, unknown>;
  bodyKind: BodyKind;
  body: unknown;
  raw: string;
  contentType: string;
  extraHeaders: Record<string, string>;
}

function idPool(world: World): string[] {
  const { techA, techB } = world;
  return [
    ...[techA, techB].flatMap((o) => [o.user.id, o.sessionId, o.userMessageId, o.answerId, o.escalationId, o.tokenId]),
    world.support.id,
    world.admin.id,
    world.adminTokenId,
    world.manualId,
    world.outboxId,
    '00000000-0000-0000-0000-000000000000',
    crypto.randomUUID(),
  ];
}

function caseArbitrary(ids: string[]): fc.Arbitrary<Case> {
  const idArb = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ids) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: nastyString },
  );
  return fc.integer({ min: 0, max: routes.length - 1 }).chain((index) => {
    const route = routes[index];
    const params = fc.record(Object.fromEntries(route.params.map((p) => [p, idArb])));
    const querySchema = (route.operation.parameters ?? []).map((p) => resolve(p as Schema)).filter((p) => p.in === 'query');
    const query = fc.record(
      Object.fromEntries(
        querySchema.map((p) => [String(p.name), fc.oneof(fromSchema((p.schema as Schema) ?? {}, idArb), nastyString, fc.integer())]),
      ),
      { requiredKeys: [] },
    );
    const media = (route.operation.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content ?? {};
    const jsonSchema = media['application/json']?.schema ?? { type: 'object', properties: {} };
    const body = fromSchema(jsonSchema, idArb).chain((valid) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constant({ kind: 'schema' as BodyKind, value: valid }) },
        { weight: 4, arbitrary: mutate(valid).map((value) => ({ kind: 'mutated' as BodyKind, value })) },
        { weight: 1, arbitrary: fc.constant({ kind: 'bad-json' as BodyKind, value: valid }) },
        { weight: 1, arbitrary: fc.constant({ kind: 'wrong-type' as BodyKind, value: valid }) },
        { weight: 1, arbitrary: fc.constant({ kind: 'none' as BodyKind, value: undefined }) },
        { weight: 1, arbitrary: fc.constant({ kind: 'huge' as BodyKind, value: valid }) },
      ),
    );
    return fc
      .record({
        route: fc.constant(index),
        caller: fc.constantFrom(...CALLERS),
        params,
        query,
        body,
        cut: fc.integer({ min: 0, max: 20 }),
        contentType: fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=latin1',
          '',
        ),
        extraHeaders: fc.constantFrom<Record<string, string>>(
          {},
          {},
          { 'x-forwarded-for': '\u0001, 999.1.1.1, ::ffff' },
          { 'content-length': '99999999' },
          { 'x-request-id': 'a'.repeat(500) },
          { accept: 'text/event-stream' },
        ),
      })
      .map(({ route: r, caller, params: p, query: q, body: b, cut, contentType, extraHeaders }) => {
        const json = JSON.stringify(b.value ?? {});
        const raw =
          b.kind === 'bad-json'
            ? json.slice(0, Math.max(0, json.length - 1 - cut)) + (cut % 2 ? ',' : '')
            : b.kind === 'huge'
              ? JSON.stringify({ message: 'x'.repeat(2_000_000) })
              : json;
        return { route: r, caller, params: p, query: q, bodyKind: b.kind, body: b.value, raw, contentType, extraHeaders };
      });
  });
}

/** Percent-encodes the UTF-8 bytes, as a client would (a lone surrogate goes as U+FFFD, where encodeURIComponent throws). */
function pathSegment(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

function queryString(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) search.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}

async function run(c: Case, world: World): Promise<{ status: number; text: string }> {
  const route = routes[c.route];
  const users: Record<Caller, TestUser | null> = {
    anonymous: null,
    technician: world.techA.user,
    support: world.support,
    admin: world.admin,
    bearer: world.techA.user,
  };
  const path = route.path.replace(/\{(\w+)\}/g, (_, p: string) => pathSegment(c.params[p] ?? ''));
  const headers: Record<string, string> = { ...c.extraHeaders };
  const hasBody = route.method !== 'GET' && c.bodyKind !== 'none';
  if (hasBody) headers['content-type'] = c.bodyKind === 'wrong-type' ? c.contentType : 'application/json';
  return send(route.handler, {
    method: route.method,
    path: `${path}${queryString(c.query)}`,
    as: users[c.caller],
    auth: c.caller === 'bearer' ? 'token' : 'cookie',
    params: c.params,
    body: hasBody ? c.raw : undefined,
    headers,
  });
}

function describeCase(c: Case): string {
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);
  return `${routes[c.route].name} as ${c.caller} params=${JSON.stringify(c.params)} query=${cut(JSON.stringify(c.query))} body(${c.bodyKind}, ${c.contentType})=${cut(c.raw)}`;
}

describe('fuzzing every route from the API document', () => {
  it(`no 5xx in ${RUNS} generated requests (seed ${SEED})`, { timeout: Math.max(120_000, RUNS * 200) }, async () => {
    console.log(`fuzz: ${RUNS} requests over ${routes.length} routes, seed ${SEED} (replay: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS})`);
    const failures: string[] = [];
    const seen = new Map<string, number>();
    const started = performance.now();
    let done = 0;
    while (done < RUNS) {
      const world = await makeWorld();
      const batch = Math.min(WORLD_EVERY, RUNS - done);
      // One seed for the run; each batch's draw is its own, so a failing batch replays alone.
      const cases = fc.sample(caseArbitrary(idPool(world)), { seed: SEED + done, numRuns: batch });
      for (const c of cases) {
        const { status, text } = await run(c, world);
        const key = `${routes[c.route].name} ${status}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if (status >= 500) failures.push(`${status} ${describeCase(c)} → ${text.slice(0, 300)}`);
      }
      done += batch;
    }
    const seconds = (performance.now() - started) / 1000;
    const byStatus = new Map<number, number>();
    for (const [key, n] of seen) {
      const status = Number(key.split(' ').pop());
      byStatus.set(status, (byStatus.get(status) ?? 0) + n);
    }
    console.log(
      `fuzz: ${done} requests in ${seconds.toFixed(0)} s (${(done / seconds).toFixed(0)}/s), ${new Set([...seen.keys()].map((k) => k.split(' ').slice(0, 2).join(' '))).size} routes reached; statuses ${JSON.stringify(Object.fromEntries([...byStatus].sort((a, b) => a[0] - b[0])))}; ${failures.length} responses >= 500`,
    );
    for (const f of failures.slice(0, 20)) console.log(`fuzz failure: ${f}`);
    expect(failures).toEqual([]);
  });
});
