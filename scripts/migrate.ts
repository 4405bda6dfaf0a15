// Applies pending database migrations (the same ones the server applies at start) and exits.
import { closeDb, dbDriver, migrateDb, migrationStatus } from '@/db';
import { ConfigError } from '@/lib/env';

async function main() {
  await migrateDb();
  const { applied, expected } = await migrationStatus();
  console.log(`Migrations applied on ${dbDriver() === 'pg' ? 'Postgres' : 'the embedded database'}: ${applied}/${expected}.`);
  await closeDb();
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
});
