import type { AiSession } from '@/db/schema';
import type { AuthUser } from '@/lib/auth/session';
import type { LiveEvent } from './events';

/** Runs after feedback is stored (the escalation policy watches for repeated "not helpful"). */
export async function afterFeedback(_ctx: { user: AuthUser; session: AiSession; messageId: string; helpful: boolean }): Promise<LiveEvent[]> {
  return [];
}
