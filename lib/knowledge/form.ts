import 'server-only';
import type { z } from 'zod';
import { readLimited, rejectNul } from '@/lib/api/body';
import { validationError } from '@/lib/api/handler';
import { AppError } from '@/lib/errors';

const MAX_FILES = 20;

/**
 * Reads a multipart upload: at most MAX_FILES files of the size limit (plus room for the form's own
 * framing). Each file's size is checked once, by uploadManual.
 */
export async function readUploadForm<T extends z.ZodType>(req: Request, maxFileBytes: number, fieldsSchema: T) {
  const type = req.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) {
    throw new AppError('unsupported_media_type', 'Upload manuals as multipart/form-data with one or more "file" fields.');
  }
  const bytes = await readLimited(req, maxFileBytes * MAX_FILES + 1024 * 1024);
  let form: FormData;
  try {
    form = await new Response(bytes as BodyInit, { headers: { 'content-type': type } }).formData();
  } catch {
    throw new AppError('bad_request', 'The upload could not be read as multipart/form-data.');
  }
  const entries = form.getAll('file');
  const files = entries.filter((f): f is File => typeof f !== 'string');
  if (!files.length) throw new AppError('validation_error', 'Choose at least one file to upload (form field "file").');
  if (files.length > MAX_FILES) throw new AppError('validation_error', `Upload at most ${MAX_FILES} files at a time.`);
  const raw: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (key !== 'file' && typeof value === 'string') raw[key] = value;
  rejectNul({ ...raw, file: files.map((f) => f.name) }, 'form');
  const parsed = fieldsSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, 'form');
  return {
    fields: parsed.data as z.infer<T>,
    files: await Promise.all(files.map(async (f) => ({ name: f.name, data: new Uint8Array(await f.arrayBuffer()) }))),
  };
}
