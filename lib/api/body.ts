import 'server-only';
import { AppError } from '@/lib/errors';

/** Reads at most `limit` bytes of a stream; throws 413 past it without buffering the rest. */
export async function readLimited(req: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

function tooLarge(limit: number): AppError {
  const size = limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${Math.round(limit / 1024)} KB`;
  return new AppError('payload_too_large', `The request body is larger than the ${size} limit.`);
}

export async function readJsonBody(req: Request, limit: number): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const bytes = await readLimited(req, limit);
  const text = new TextDecoder().decode(bytes);
  if (!text.trim()) throw new AppError('invalid_json', 'The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON.');
  }
}

/** The path of the first string (or object key) holding U+0000, which Postgres cannot store in text; null if none. */
export function nulPath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = key.includes('\u0000') ? [...path, key] : nulPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Refuses input with a NUL character anywhere: a 400 naming the field, before any handler or query sees it. */
export function rejectNul(value: unknown, where: string): void {
  const path = nulPath(value);
  if (!path) return;
  const field = path
    .map(String)
    .join('.')
    .replace(/\u0000/g, '\\0');
  const message = 'must not contain NUL characters';
  throw new AppError('validation_error', `Invalid ${where}: ${field ? `${field}: ` : ''}${message}`, {
    details: [{ path: field, message }],
  });
}
