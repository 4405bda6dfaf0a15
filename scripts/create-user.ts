// npm run create-user -- --email ops@example.com --role admin [--name "Ops Lead"] [--password ...]
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { closeDb, migrateDb } from '@/db';
import { ROLES } from '@/db/schema';
import { audit } from '@/lib/audit';
import { ConfigError } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { randomPassword, upsertUser } from '@/lib/ops/accounts';
import { closeStore } from '@/lib/store';

const USAGE = 'Usage: npm run create-user -- --email <email> --role <technician|admin|support> [--name <name>] [--password <password>]';

const args = z.object({
  email: z.email({ message: '--email must be an email address' }),
  role: z.enum(ROLES, { message: `--role must be one of ${ROLES.join(', ')}` }),
  name: z.string().trim().min(1).max(120).optional(),
  password: z.string().optional(),
});

async function main() {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
    strict: true,
  });
  const parsed = args.safeParse(values);
  if (!parsed.success) {
    console.error(`${parsed.error.issues.map((i) => i.message).join('\n')}\n${USAGE}`);
    process.exit(2);
  }
  const { email, role, name } = parsed.data;
  const password = parsed.data.password ?? randomPassword();

  await migrateDb();
  const { user, created } = await upsertUser({ email, role, name, password });
  await audit({
    action: created ? 'user.created' : 'user.updated',
    target: { type: 'user', id: user.id },
    details: { source: 'create-user', role },
  });
  console.log(`${created ? 'Created' : 'Updated'} ${role} ${user.email}.`);
  if (!parsed.data.password) console.log(`Password (shown once): ${password}`);
}

main()
  .catch((error) => {
    if (error instanceof ConfigError || error instanceof AppError) console.error(error.message);
    else console.error(`create-user failed: ${(error as Error).message}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await closeStore();
    await closeDb();
  });
