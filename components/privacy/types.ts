import type { ConsentView } from '@/lib/privacy/consents';
import type { Serialized } from '@/lib/serialized';

/** GET /api/me/consent as the browser receives it. */
export type ConsentData = Serialized<ConsentView>;
