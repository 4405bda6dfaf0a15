import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { PgDialect } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { env } from '@/lib/env';
import { dropSingleton, singleton } from '@/lib/singleton';
import * as schema from './schema';

/**
 * The one database client. `pg` when DATABASE_URL is set, otherwise an embedded PGlite kept
 * under DATA_DIR. Both run the same migrations and the same queries.
 */
export type Database = NodePgDatabase<typeof schema>;
/** A database or an open transaction: every query function accepts either. */
export type Executor = Pick<
  Database,
  'select' | 'selectDistinct' | 'insert' | 'update' | 'delete' | 'execute' | 'transaction' | 'query' | '$count'
>;

interface DbState {
  db: Database;
  driver: 'pg' | 'pglite';
  pool?: pg.Pool;
  /** Connections for the knowledge search (see searchStatement). */
  searchPool?: pg.Pool;
  pglite?: PGlite;
  migrated?: Promise<void>;
}

const MIGRATIONS_DIR = path.join(process.cwd(), 'drizzle');

function open(): DbState {
  const settings = env();
  if (settings.DATABASE_URL) {
    const pool = new pg.Pool({
      connectionString: settings.DATABASE_URL,
      max: settings.DATABASE_POOL_SIZE,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // Connections of their own for the knowledge search (see searchStatement): sequential scans
    // off and plans kept, as settings of the connection rather than a transaction around each
    // search.
    const searchPool = new pg.Pool({
      connectionString: settings.DATABASE_URL,
      max: Math.max(2, Math.ceil(settings.DATABASE_POOL_SIZE / 2)),
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      // Set on each new connection before it is used (rather than as startup options, which some
      // connection poolers refuse).
      onConnect: async (client) => {
        await client.query('set enable_seqscan = off; set plan_cache_mode = force_generic_plan');
      },
    });
    // A client losing its connection must not crash the process. An idle one the pool replaces; one
    // in use (between two queries of a transaction, say) has no listener of the pool's: its next
    // query fails, the request answers 503, and the pool drops the client when it is released.
    for (const p of [pool, searchPool]) {
      p.on('error', () => {});
      p.on('connect', (client) => client.on('error', () => {}));
    }
    return { db: drizzleNodePg({ client: pool, schema }), driver: 'pg', pool, searchPool };
  }
  const dir = path.join(settings.dataDir, 'pgdata');
  fs.mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir, { extensions: { pg_trgm } });
  const db = drizzlePglite({ client: pglite, schema }) as unknown as Database;
  return { db, driver: 'pglite', pglite };
}

function state(): DbState {
  return singleton('fixlineDb', open);
}

export function db(): Database {
  return state().db;
}

const dialect = new PgDialect();

/**
 * Runs a statement of the knowledge search on its connections, where the planner never reads a
 * table in order, as a prepared statement planned once per connection for any values: the
 * search's statements are long, and parsing and planning them took as long as running them on a
 * small knowledge base. Null with PGlite (one connection: the search sets what it needs in its own
 * transaction).
 */
export async function searchStatement<T extends Record<string, unknown>>(query: SQL): Promise<T[] | null> {
  const pool = state().searchPool;
  if (!pool) return null;
  const { sql: text, params } = dialect.sqlToQuery(query);
  // One name per text: the few shapes the search takes (language, which lists) each get a plan.
  const name = `search_${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
  return (await pool.query<T>({ name, text, values: params as unknown[] })).rows;
}

export function dbDriver(): 'pg' | 'pglite' {
  return state().driver;
}

/** Applies pending migrations once per process; concurrent instances on Postgres serialise on an advisory lock. */
export function migrateDb(): Promise<void> {
  const s = state();
  if (!s.migrated) {
    s.migrated = runMigrations(s).catch((error) => {
      s.migrated = undefined;
      throw error;
    });
  }
  return s.migrated;
}

const MIGRATION_LOCK = 7_345_021;

async function runMigrations(s: DbState): Promise<void> {
  if (s.driver === 'pglite') {
    await migratePglite(s.db as never, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  const client = await s.pool!.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrateNodePg(drizzleNodePg({ client, schema }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

/** Number of migration files in drizzle/ and how many the database has applied. */
export async function migrationStatus(): Promise<{ expected: number; applied: number }> {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  let applied = 0;
  try {
    const result = await db().execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    applied = Number(result.rows[0]?.n ?? 0);
  } catch {
    applied = 0;
  }
  return { expected: journal.entries.length, applied };
}

/** The index (or constraint) a unique violation names, with either driver; null for other errors. */
export function violatedUniqueIndex(error: unknown): string | null {
  for (let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return e.constraint ?? '';
  }
  return null;
}

/** SQLSTATEs of a server that is going away or not taking connections (class 08, operator intervention 57P0x, too many connections). */
const UNAVAILABLE_STATES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '57P05', '53300']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** What pg (and PGlite) say when the connection is gone, without a code. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|Client was closed and is not queryable|PGlite is closed/i;

function databasePort(): number | null {
  const url = env().DATABASE_URL;
  if (!url) return null;
  try {
    return Number(new URL(url).port || 5432);
  } catch {
    return null;
  }
}

/**
 * True when an error means the database cannot be reached right now (refused or lost connection,
 * a server restarting or shutting down), with either driver and through drizzle's wrapper: the
 * request may succeed in a moment. A socket error counts only if it is the database's port.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const e = queue.shift() as { code?: unknown; port?: unknown; message?: unknown; cause?: unknown; errors?: unknown } | null;
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNAVAILABLE_STATES.has(code)) return true;
    if (SOCKET_CODES.has(code) && (e.port === undefined || Number(e.port) === databasePort())) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
    queue.push(e.cause, ...(Array.isArray(e.errors) ? e.errors : []));
  }
  return false;
}

export async function pingDb(): Promise<void> {
  await db().execute(sql`select 1`);
}

export async function closeDb(): Promise<void> {
  const s = dropSingleton<DbState>('fixlineDb');
  if (!s) return;
  if (s.pool) await s.pool.end();
  if (s.searchPool) await s.searchPool.end();
  if (s.pglite) await s.pglite.close();
}
