import type { AiSession } from '@/db/schema';
import type { AuthUser } from '@/lib/auth/session';
import { offerAfterFeedbackIfDue } from '@/lib/escalation/automatic';
import { log } from '@/lib/log';
import type { LiveEvent } from '@/lib/live/events';

/** Runs after feedback is stored: repeated "not helpful" offers escalation (the caller publishes the events). */
export async function afterFeedback(ctx: { user: AuthUser; session: AiSession; messageId: string; helpful: boolean }): Promise<LiveEvent[]> {
  try {
    return await offerAfterFeedbackIfDue({ session: ctx.session, helpful: ctx.helpful });
  } catch (error) {
    log().warn({ err: (error as Error).message, sessionId: ctx.session.id }, 'escalation offer after feedback failed');
    return [];
  }
}
