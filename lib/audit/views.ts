// The audit log API's shapes as the browser receives them (dates as ISO strings).
import 'server-only';
import type { Serialized } from '@/lib/serialized';
import type { listAuditPage } from './viewer';

/** GET /api/admin/audit-logs. */
export type AuditPageData = Serialized<Awaited<ReturnType<typeof listAuditPage>>>;
export type AuditEntryRow = AuditPageData['entries'][number];
