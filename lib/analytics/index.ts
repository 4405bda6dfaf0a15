import type { Executor } from '@/db';
import { insertAnalyticsEvent, insertAnalyticsEvents } from '@/db/queries/analytics';
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

function toRow(type: AnalyticsEventType, input: TrackInput) {
  return { type, userId: input.userId ?? null, sessionId: input.sessionId ?? null, messageId: input.messageId ?? null, properties: input.properties ?? {} };
}

/** Writes several events in one statement, as part of the caller's transaction. */
export async function trackAll(events: [AnalyticsEventType, TrackInput][], tx: Executor): Promise<void> {
  await insertAnalyticsEvents(
    events.map(([type, input]) => toRow(type, input)),
    tx,
  );
}

/** Writes an analytics event; failures are logged, never surfaced to the user. */
export async function track(type: AnalyticsEventType, input: TrackInput = {}, tx?: Executor): Promise<void> {
  const values = toRow(type, input);
  if (tx) return insertAnalyticsEvent(values, tx);
  try {
    await insertAnalyticsEvent(values);
  } catch (error) {
    log().warn({ err: errorSummary(error), type }, 'analytics event not written');
  }
}
