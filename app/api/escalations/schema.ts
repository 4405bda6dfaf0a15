import { z } from 'zod';
import { LIMITS } from '@/lib/policies';
import { notFound } from '@/lib/errors';

export const listQuery = z.strictObject({
  /** 'active' is open and acknowledged together. */
  status: z.enum(['open', 'acknowledged', 'resolved', 'active']).optional(),
  urgency: z.enum(['low', 'normal', 'high']).optional(),
  machineModel: z.string().trim().min(1).max(120).optional(),
  assigned: z.enum(['me', 'none']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const patchBody = z
  .strictObject({
    /** "open" reopens a resolved escalation, and goes alone. */
    status: z.enum(['open', 'acknowledged', 'resolved']).optional(),
    assignedTo: z.uuid().nullable().optional(),
    resolutionNote: z.string().trim().min(1).max(LIMITS.noteChars).optional(),
    handBack: z.literal(true).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'send at least one field to change')
  .refine((v) => v.status === 'resolved' || v.resolutionNote === undefined, {
    path: ['resolutionNote'],
    message: 'only goes with status "resolved"',
  })
  .refine((v) => v.status !== 'resolved' || Boolean(v.resolutionNote), {
    path: ['resolutionNote'],
    message: 'is required to resolve: say how it was resolved',
  })
  .refine((v) => v.status !== 'open' || Object.keys(v).length === 1, {
    path: ['status'],
    message: '"open" (reopen) goes alone: send the other changes after reopening',
  });

export const replyBody = z.strictObject({
  message: z.string().trim().min(1, 'write a message').max(LIMITS.messageChars),
});

export type ListQuery = z.infer<typeof listQuery>;
export type PatchBody = z.infer<typeof patchBody>;
export type ReplyBody = z.infer<typeof replyBody>;

/** The :id of an escalation; anything that is not a UUID is simply not found. */
export function escalationId(params: Record<string, unknown>): string {
  const parsed = z.uuid().safeParse(params.id);
  if (!parsed.success) throw notFound('Escalation');
  return parsed.data;
}

export const SUPPORT_ROLES = ['support', 'admin'] as const;
