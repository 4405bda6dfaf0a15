import { z } from 'zod';
import { notFound } from '@/lib/errors';

/** The :id of a conversation; anything that is not a UUID is simply not found. */
export function sessionId(params: Record<string, unknown>): string {
  const parsed = z.uuid().safeParse(params.id);
  if (!parsed.success) throw notFound('Conversation');
  return parsed.data;
}
