import { z } from 'zod';
import { notFound } from '@/lib/errors';

export const listOutboxQuery = z.strictObject({
  status: z.enum(['pending', 'sent', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

export function outboxId(params: Record<string, unknown>): string {
  const parsed = z.uuid().safeParse(params.id);
  if (!parsed.success) throw notFound('Email');
  return parsed.data;
}
