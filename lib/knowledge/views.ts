// The knowledge API's shapes as the browser receives them (dates as ISO strings).
import 'server-only';
import type { getChunkById } from '@/db/queries/knowledge';
import type { Serialized } from '@/lib/serialized';
import type { toDocumentView } from './service';

/** One manual in GET /api/knowledge and the upload reply. */
export type ManualView = Serialized<ReturnType<typeof toDocumentView>>;

/** GET /api/knowledge/chunks/:chunkId – the passage a citation points to. */
export type PassageView = Serialized<NonNullable<Awaited<ReturnType<typeof getChunkById>>>>;
