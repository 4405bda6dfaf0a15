import { z } from 'zod';
import { notFound } from '@/lib/errors';

export function documentId(params: Record<string, unknown>): string {
  const parsed = z.uuid().safeParse(params.id);
  if (!parsed.success) throw notFound('Manual');
  return parsed.data;
}

export function chunkId(params: Record<string, unknown>): string {
  const parsed = z.uuid().safeParse(params.chunkId);
  if (!parsed.success) throw notFound('Passage');
  return parsed.data;
}

const list = z
  .string()
  .max(600)
  .transform((v) => [
    ...new Set(
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(z.string().max(80)).max(20));

/** The text fields sent with an upload (multipart form fields). */
export const uploadFields = z.strictObject({
  title: z.string().trim().max(200).optional(),
  machineModels: list.optional(),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language code such as en or de')
    .optional(),
  version: z.string().trim().max(40).optional(),
  replaceId: z.uuid().optional(),
});

/** The whole upload form, for the API document: the files and the text fields. */
export const uploadForm = uploadFields.extend({
  file: z
    .array(z.string().meta({ override: { type: 'string', format: 'binary' } }))
    .min(1)
    .max(20)
    .meta({ description: 'One or more PDF or text files (repeat the field)' }),
  machineModels: z.string().max(600).optional().meta({ description: 'Comma-separated machine models' }),
});
