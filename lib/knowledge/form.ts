import 'server-only';
import busboy from 'busboy';
import type { z } from 'zod';
import { rejectNul } from '@/lib/api/body';
import { validationError } from '@/lib/api/handler';
import { AppError } from '@/lib/errors';
import { fileTooLarge, MAX_FILES, requestTooLarge, type UploadLimits } from './limits';

const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 64 * 1024;

export interface UploadedFile {
  name: string;
  data: Uint8Array;
}

/**
 * Refusals in the middle of a body: the answer goes out at once and the connection closes, so the
 * rest of the body is neither read nor kept.
 */
const refuse = (code: 'payload_too_large' | 'validation_error' | 'bad_request', message: string) =>
  new AppError(code, message, { headers: { connection: 'close' } });

/**
 * Reads a multipart upload as it arrives: at most MAX_FILES files, each refused (413) as soon as it
 * passes the per-file limit, the request as soon as it passes the request limit. Only files within
 * the limit are held in memory; nothing is stored here.
 */
export async function readUploadForm<T extends z.ZodType>(req: Request, limits: UploadLimits, fieldsSchema: T) {
  const type = req.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Upload manuals as multipart/form-data with one or more "file" fields.');
  }
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxRequestBytes) throw refuse('payload_too_large', requestTooLarge(limits));

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': type },
      // Browsers send file names as UTF-8.
      defParamCharset: 'utf8',
      limits: { files: MAX_FILES, fileSize: limits.maxBytes, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES },
    });
  } catch {
    throw new AppError('bad_request', 'The upload could not be read as multipart/form-data (no boundary in its Content-Type).');
  }

  const files: UploadedFile[] = [];
  const raw: Record<string, string> = {};
  let failure: AppError | null = null;
  let onSettled: (() => void) | undefined;
  const settled = new Promise<void>((resolve) => (onSettled = resolve));
  const fail = (error: AppError) => {
    failure ??= error;
    onSettled?.();
  };

  parser.on('file', (field, stream, info) => {
    // A cut-off body ends the part with an error; the parser reports it too.
    stream.on('error', () => fail(refuse('bad_request', 'The upload could not be read as multipart/form-data.')));
    if (field !== 'file') {
      stream.resume();
      return;
    }
    const name = info.filename ?? '';
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      if (failure) return;
      size += chunk.byteLength;
      chunks.push(chunk);
    });
    stream.on('limit', () => {
      chunks.length = 0;
      fail(refuse('payload_too_large', fileTooLarge(name || 'manual', limits)));
    });
    stream.on('end', () => {
      if (failure || stream.truncated) return;
      files.push({ name, data: new Uint8Array(Buffer.concat(chunks, size)) });
    });
  });
  parser.on('field', (field, value, info) => {
    if (info.valueTruncated || info.nameTruncated) {
      fail(refuse('payload_too_large', `The form field "${field.slice(0, 40)}" is longer than ${MAX_FIELD_BYTES / 1024} KB.`));
      return;
    }
    if (field !== 'file') raw[field] = value;
  });
  parser.on('filesLimit', () => fail(refuse('validation_error', `Upload at most ${MAX_FILES} files at a time.`)));
  parser.on('fieldsLimit', () => fail(refuse('validation_error', `Send at most ${MAX_FIELDS} form fields.`)));
  parser.on('error', () => fail(refuse('bad_request', 'The upload could not be read as multipart/form-data.')));
  parser.on('close', () => onSettled?.());

  if (!req.body) throw new AppError('bad_request', 'The upload is empty: send the manuals as multipart/form-data.');
  const reader = req.body.getReader();
  let received = 0;
  try {
    while (!failure) {
      const { done, value } = await reader.read();
      if (done) {
        parser.end();
        break;
      }
      received += value.byteLength;
      if (received > limits.maxRequestBytes) {
        fail(refuse('payload_too_large', requestTooLarge(limits)));
        break;
      }
      if (!parser.write(value)) await Promise.race([new Promise((r) => parser.once('drain', r)), settled]);
    }
  } catch {
    fail(new AppError('bad_request', 'The upload was interrupted before it was complete.'));
  }
  await settled;
  if (failure) {
    // Not reader.cancel(): that destroys the socket before the answer can be sent.
    reader.releaseLock();
    parser.destroy();
    throw failure;
  }

  if (!files.length) throw new AppError('validation_error', 'Choose at least one file to upload (form field "file").');
  rejectNul({ ...raw, file: files.map((f) => f.name) }, 'form');
  const parsed = fieldsSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, 'form');
  return { fields: parsed.data as z.infer<T>, files };
}
