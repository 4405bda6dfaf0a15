import type { Executor } from '@/db';
import { insertAnalyticsEvent } from '@/db/queries/analytics';
import { errorSummary, log } from '@/lib/log';

export type AnalyticsEventType =
  | 'session_started'
  | 'message_sent'
  | 'answer_completed'
  | 'feedback_given'
  | 'escalation_created'
  | 'escalation_acknowledged'
  | 'escalation_resolved'
  | 'escalation_offered'
  | 'knowledge_gap';

export interface TrackInput {
  userId?: string | null;
  sessionId?: string | null;
  messageId?: string | null;
  properties?: Record<string, unknown>;
}

/** Writes an analytics event; failures are logged, never surfaced to the user. */
export async function track(type: AnalyticsEventType, input: TrackInput = {}, tx?: Executor): Promise<void> {
  const values = { type, userId: input.userId ?? null, sessionId: input.sessionId ?? null, messageId: input.messageId ?? null, properties: input.properties ?? {} };
  if (tx) return insertAnalyticsEvent(values, tx);
  try {
    await insertAnalyticsEvent(values);
  } catch (error) {
    log().warn({ err: errorSummary(error), type }, 'analytics event not written');
  }
}
