import crypto from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { insertAuditLog } from '@/db/queries/audit';
import { aiAuditLogs } from '@/db/schema';
import * as auditLogs from '@/app/api/admin/audit-logs/route';
import { call, errorOf, makeUser, type TestUser } from '../helpers/api';

let admin: TestUser;
let tech: TestUser;
let support: TestUser;

beforeAll(async () => {
  admin = await makeUser('admin');
  tech = await makeUser('technician');
  support = await makeUser('support');
});

/** RFC 4180 records as objects keyed by the header (a small reader, to check the writer independently). */
function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      record.push(cell);
      cell = '';
    } else if (!quoted && c === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  const [header, ...rows] = records;
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const tag = () => `t${crypto.randomUUID().slice(0, 8)}`;

function get(query: Record<string, string> = {}, as: TestUser | null = admin) {
  return call(auditLogs.GET, { as, path: `/api/admin/audit-logs?${new URLSearchParams(query)}` });
}

interface Page {
  entries: {
    id: number;
    action: string;
    outcome: string;
    actorEmail: string | null;
    targetId: string | null;
    createdAt: string;
    details: object;
  }[];
  nextCursor: string | null;
}

async function page(query: Record<string, string>): Promise<Page> {
  const res = await get(query);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

async function auditRowCount(): Promise<number> {
  const [row] = await db().select({ n: count() }).from(aiAuditLogs);
  return row.n;
}

describe('GET /api/admin/audit-logs: who may read it', () => {
  it('asks for a sign-in without one and refuses technicians and support', async () => {
    const anonymous = await get({}, null);
    expect(anonymous.status).toBe(401);
    expect((await errorOf(anonymous)).code).toBe('unauthorized');
    for (const user of [tech, support]) {
      const res = await get({}, user);
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
      const csv = await get({ format: 'csv' }, user);
      expect(csv.status).toBe(403);
    }
    expect((await get()).status).toBe(200);
  });
});

describe('filters', () => {
  const targetType = tag();
  const other = `${tag()}@example.com`;

  beforeAll(async () => {
    const day = (d: string) => new Date(`${d}T12:00:00.000Z`);
    await insertAuditLog({
      action: 'user.role_changed',
      actorId: admin.id,
      actorEmail: admin.email,
      targetType,
      targetId: 'u1',
      createdAt: day('2025-01-10'),
    });
    await insertAuditLog({
      action: 'user.disabled',
      actorId: admin.id,
      actorEmail: admin.email,
      targetType,
      targetId: 'u2',
      createdAt: day('2025-01-11'),
    });
    await insertAuditLog({
      action: 'auth.sign_in',
      actorEmail: other,
      outcome: 'failure',
      targetType,
      targetId: 'u1',
      createdAt: day('2025-01-12'),
    });
    await insertAuditLog({ action: 'auth.sign_in', actorEmail: other, targetType, targetId: 'u3', createdAt: day('2025-01-13') });
  });

  it('by action, actor email (any case) or id, target type and id, and a date range with both ends included', async () => {
    const ids = (p: Page) => p.entries.map((e) => e.targetId);
    expect(ids(await page({ targetType }))).toEqual(['u3', 'u1', 'u2', 'u1']);
    expect(ids(await page({ targetType, action: 'auth.sign_in' }))).toEqual(['u3', 'u1']);
    expect(ids(await page({ targetType, actor: other.toUpperCase() }))).toEqual(['u3', 'u1']);
    expect(ids(await page({ targetType, actor: admin.id }))).toEqual(['u2', 'u1']);
    expect(ids(await page({ targetType, targetId: 'u1' }))).toEqual(['u1', 'u1']);
    expect(ids(await page({ targetType, from: '2025-01-11', to: '2025-01-12' }))).toEqual(['u1', 'u2']);
    expect(ids(await page({ targetType, to: '2025-01-10T23:59:59Z' }))).toEqual(['u1']);
    expect(ids(await page({ targetType, action: 'user.created' }))).toEqual([]);
    const [first] = (await page({ targetType, action: 'auth.sign_in', targetId: 'u1' })).entries;
    expect(first).toMatchObject({ actorEmail: other, outcome: 'failure' });
    expect(first).not.toHaveProperty('position');
  });

  it('records sign-in failures with the email tried', async () => {
    const { authOptions } = await import('@/lib/auth/options');
    const email = `${tag()}@example.com`;
    const provider = authOptions().providers[0] as unknown as {
      options: { authorize: (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown> };
    };
    await expect(provider.options.authorize({ email, password: 'wrong-password-123' }, { headers: {} })).rejects.toThrow();
    await expect(provider.options.authorize({ email, password: '' }, { headers: {} })).rejects.toThrow();
    const { entries } = await page({ actor: email, action: 'auth.sign_in' });
    expect(entries.map((e) => [e.outcome, e.details])).toEqual([
      ['failure', { reason: 'no_password' }],
      ['failure', { reason: 'bad_credentials' }],
    ]);
  });
});

describe('pagination', () => {
  it('walks every row once, newest first, also across rows written in the same instant', async () => {
    const targetType = tag();
    const base = Date.parse('2025-03-01T00:00:00Z');
    // 30 rows, three to each millisecond, and the same microsecond for pairs of them.
    await db().execute(sql`
      insert into ai_audit_logs (action, target_type, target_id, created_at)
      select 'knowledge.deleted', ${targetType}, g::text,
             to_timestamp(${base / 1000}) + (g / 3) * interval '1 millisecond' + (g % 3 / 2) * interval '1 microsecond'
      from generate_series(1, 30) g`);
    const seen: number[] = [];
    const times: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const p: Page = await page({ targetType, limit: '7', ...(cursor ? { cursor } : {}) });
      seen.push(...p.entries.map((e) => e.id));
      times.push(...p.entries.map((e) => e.createdAt));
      cursor = p.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    const all = await db().select({ id: aiAuditLogs.id }).from(aiAuditLogs).where(eq(aiAuditLogs.targetType, targetType));
    expect(new Set(seen).size).toBe(30);
    expect([...seen].sort((a, b) => a - b)).toEqual(all.map((r) => r.id).sort((a, b) => a - b));
    expect([...times].sort().reverse()).toEqual(times);
  });
});

describe('?format=csv', () => {
  it('is a CSV file named for its range, with a header, quoted cells and formulas defused, and the export audited', async () => {
    const targetType = tag();
    await insertAuditLog({
      action: 'auth.sign_in',
      actorEmail: '=HYPERLINK("http://evil.example","x")',
      targetType,
      targetId: '+1-555',
      userAgent: 'Mozilla, "quoted"\nsecond line',
      details: { reason: 'bad_credentials' },
      createdAt: new Date('2025-02-03T10:00:00Z'),
    });
    await insertAuditLog({
      action: 'user.created',
      actorEmail: '@admin',
      targetType,
      targetId: '-2',
      ip: '\t10.0.0.1',
      createdAt: new Date('2025-02-04T10:00:00Z'),
    });
    const before = await auditRowCount();

    const res = await get({ format: 'csv', targetType, from: '2025-02-01', to: '2025-02-28' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="fixline-audit-2025-02-01-2025-02-28.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A byte order mark first, so spreadsheet programs read UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\n')[0]).toBe(
      'id,created_at,action,outcome,actor_id,actor_email,target_type,target_id,ip,user_agent,request_id,details',
    );
    const rows = parseCsv(text);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ action: 'user.created', actor_email: "'@admin", target_id: "'-2", ip: "'\t10.0.0.1" });
    expect(rows[1]).toMatchObject({
      action: 'auth.sign_in',
      created_at: '2025-02-03T10:00:00.000Z',
      actor_email: `'=HYPERLINK("http://evil.example","x")`,
      target_id: "'+1-555",
      user_agent: 'Mozilla, "quoted"\nsecond line',
      details: '{"reason":"bad_credentials"}',
    });

    expect(await auditRowCount()).toBe(before + 1);
    const { entries } = await page({ action: 'audit.exported', actor: admin.id, limit: '1' });
    expect(entries[0].details).toMatchObject({ targetType, from: '2025-02-01T00:00:00.000Z', to: '2025-02-28T23:59:59.999Z' });
  });

  it('streams a large range batch by batch', async () => {
    const targetType = tag();
    await db().execute(sql`
      insert into ai_audit_logs (action, target_type, target_id, details, created_at)
      select 'knowledge.uploaded', ${targetType}, g::text, jsonb_build_object('title', 'Manual ' || g), now() - g * interval '1 second'
      from generate_series(1, 20000) g`);
    const res = await get({ format: 'csv', targetType });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let chunks = 0;
    let lines = 0;
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      const piece = decoder.decode(value, { stream: true });
      lines += piece.split('\n').length - 1;
      if (chunks === 2) text = piece;
    }
    expect(lines).toBe(20001);
    // The header, then one chunk per batch of 1000 rows read from the database.
    expect(chunks).toBe(21);
    expect(text.split('\n')[0]).toMatch(/^\d+,[^,]+,knowledge\.uploaded,success,,,[^,]+,1,/);
  });
});

describe('bad queries', () => {
  it.each([
    [{ from: 'yesterday' }, 'from'],
    [{ to: '2025-13-40' }, 'to'],
    [{ from: '2025-02-10', to: '2025-02-01' }, 'from'],
    [{ action: 'user.exploded' }, 'action'],
    [{ cursor: 'not-a-cursor' }, 'cursor'],
    [{ cursor: Buffer.from('["2025-01-01", "x"]').toString('base64url') }, 'cursor'],
    [{ actor: 'not an email' }, 'actor'],
    [{ limit: '1000' }, 'limit'],
    [{ format: 'xlsx' }, 'format'],
    [{ colour: 'red' }, ''],
  ])('%o → 400 naming %s, and no export started', async (query, field) => {
    const before = await auditRowCount();
    for (const format of ['json', 'csv']) {
      const res = await get({ format, ...query });
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('validation_error');
      expect(error.message).toContain(field);
    }
    expect(await auditRowCount()).toBe(before);
  });
});
