// The outbox API's shapes as the browser receives them (dates as ISO strings).
import 'server-only';
import type { Serialized } from '@/lib/serialized';
import type { getOutboxEmail, listOutbox } from './admin';

/** GET /api/admin/outbox. */
export type OutboxData = Serialized<Awaited<ReturnType<typeof listOutbox>>>;
export type OutboxRow = OutboxData['emails'][number];

/** GET /api/admin/outbox/:id: one email with its bodies. */
export type OutboxEmailDetail = Serialized<Awaited<ReturnType<typeof getOutboxEmail>>>;
