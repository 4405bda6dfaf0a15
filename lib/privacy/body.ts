import 'server-only';
import type { z, ZodType } from 'zod';
import { readJsonBody } from '@/lib/api/body';
import { validationError } from '@/lib/api/handler';
import { LIMITS } from '@/lib/policies';

/** A JSON body that may be left out: no body (or an empty one) reads as `{}`; one that is sent must be valid. */
export async function readOptionalJson<T extends ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  const declared = req.headers.get('content-length');
  const empty = !req.body || declared === '0';
  const input = empty ? {} : await readJsonBody(req, LIMITS.jsonBodyBytes).catch((error: unknown) => emptyAsObject(error));
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** A client that sends `Content-Type: application/json` with nothing after it means "no body". */
function emptyAsObject(error: unknown): object {
  if (error instanceof Error && 'code' in error && error.code === 'invalid_json' && /empty/.test(error.message)) return {};
  throw error;
}
