import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { env } from '@/lib/env';

/** Uploaded files live under DATA_DIR/uploads with server-chosen names, never the user's. */
function uploadsDir(): string {
  return path.join(env().dataDir, 'uploads');
}

export function storagePath(storageKey: string): string {
  if (!/^[a-f0-9-]{36}\.(pdf|md|txt)$/.test(storageKey)) throw new Error('invalid storage key');
  return path.join(uploadsDir(), storageKey);
}

export async function saveUpload(data: Uint8Array, extension: 'pdf' | 'md' | 'txt'): Promise<string> {
  const key = `${crypto.randomUUID()}.${extension}`;
  await fs.mkdir(uploadsDir(), { recursive: true });
  const final = storagePath(key);
  const temp = `${final}.part`;
  await fs.writeFile(temp, data, { mode: 0o640 });
  await fs.rename(temp, final);
  return key;
}

export async function readUpload(storageKey: string): Promise<Buffer> {
  return fs.readFile(storagePath(storageKey));
}

export async function removeUpload(storageKey: string): Promise<void> {
  await fs.rm(storagePath(storageKey), { force: true });
}

export function sha256(data: Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}
