import { z } from 'zod';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { AUDIT_PAGE, decodeCursor } from '@/lib/audit/viewer';

const DAY = /^\d{4}-\d\d-\d\d$/;

/** A day (YYYY-MM-DD, UTC) or an ISO date-time; a day as `to` means up to the end of that day. */
const dateParam = (end: boolean) =>
  z
    .string()
    .trim()
    .refine((v) => (DAY.test(v) || z.iso.datetime({ offset: true }).safeParse(v).success) && !Number.isNaN(Date.parse(v)), {
      message: 'must be a date (YYYY-MM-DD) or an ISO date-time',
    })
    .transform((v) => (DAY.test(v) && end ? new Date(Date.parse(v) + 86_400_000 - 1) : new Date(v)));

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || undefined)
    .optional();

export const auditLogsQuery = z
  .strictObject({
    /** An email address or a user id. */
    actor: z
      .string()
      .trim()
      .max(254)
      .refine((v) => v === '' || z.uuid().safeParse(v).success || z.email().safeParse(v).success, {
        message: 'must be an email address or a user id',
      })
      .optional(),
    action: z.union([z.enum(AUDIT_ACTIONS), z.literal('')], { message: 'is not an action the audit log records' }).optional(),
    targetType: optionalText(64),
    targetId: optionalText(200),
    from: dateParam(false).optional(),
    to: dateParam(true).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE.maxSize).default(AUDIT_PAGE.defaultSize),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .transform(({ actor, action, cursor, ...rest }) => ({
    ...rest,
    action: action || undefined,
    ...(actor && z.uuid().safeParse(actor).success ? { actorId: actor } : actor ? { actorEmail: actor } : {}),
    after: cursor ? decodeCursor(cursor) : undefined,
  }));

export type AuditLogsQuery = z.infer<typeof auditLogsQuery>;
