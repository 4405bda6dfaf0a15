import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';
import { singleton } from '@/lib/singleton';

/** NEXTAUTH_SECRET / AUTH_SECRET, or a random secret generated once and kept under DATA_DIR. */
export function authSecret(): string {
  return singleton('fixlineAuthSecret', readOrCreateSecret);
}

function readOrCreateSecret(): string {
  const settings = env();
  let secret = settings.NEXTAUTH_SECRET ?? settings.AUTH_SECRET;
  if (!secret) {
    const file = path.join(settings.dataDir, 'auth-secret');
    try {
      secret = fs.readFileSync(file, 'utf8').trim();
    } catch {
      fs.mkdirSync(settings.dataDir, { recursive: true });
      const generated = crypto.randomBytes(48).toString('base64url');
      try {
        fs.writeFileSync(file, generated, { mode: 0o600, flag: 'wx' });
        secret = generated;
      } catch {
        // Another process wrote it first: use theirs.
        secret = fs.readFileSync(file, 'utf8').trim();
      }
    }
  }
  return secret;
}
