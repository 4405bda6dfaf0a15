import pg from 'pg';

const ADMIN_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates an empty database with a unique name and returns its URL. */
export async function createTestDatabase(prefix: string): Promise<{ url: string; name: string }> {
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid}`;
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  return { url: withDatabase(ADMIN_DATABASE_URL, name), name };
}

export async function dropTestDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}
