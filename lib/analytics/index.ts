import 'server-only';
import type { Executor } from '@/db';
import { insertAnalyticsEvent, insertAnalyticsEvents } from '@/db/queries/analytics';
import { errorSummary, log } from '@/lib/log';

/** What each kind of event records: the admin's analytics read these properties. */
export interface AnalyticsProperties {
  session_started: { machineModel: string | null };
  message_sent: { chars: number };
  answer_completed: {
    latencyMs: number;
    firstTokenMs: number | null;
    mode: 'ai' | 'manuals_only';
    model: string | null;
    fallbackUsed: boolean;
    promptTokens: number;
    completionTokens: number;
    costUsd: number;
    sources: number;
    cited: number;
    modelFailed: boolean;
    answerable: boolean;
    coverage: number;
  };
  feedback_given: { helpful: boolean; withComment: boolean };
  escalation_created: { escalationId: string; reference: number; reason: string; urgency: string; automatic: boolean };
  escalation_acknowledged: { escalationId: string; reason: string; urgency: string; timeToAcknowledgeMs: number };
  escalation_resolved: {
    escalationId: string;
    reason: string;
    urgency: string;
    timeToResolveMs: number;
    timeToAcknowledgeMs: number | null;
  };
  escalation_offered: { reason: string };
  knowledge_gap: Record<string, unknown>;
}

export type AnalyticsEventType = keyof AnalyticsProperties;

/** Who and what an event is about. */
export interface AnalyticsSubject {
  userId?: string | null;
  sessionId?: string | null;
  messageId?: string | null;
}

/** One analytics event, as it is stored. */
export interface AnalyticsEvent<T extends AnalyticsEventType = AnalyticsEventType> {
  type: T;
  userId: string | null;
  sessionId: string | null;
  messageId: string | null;
  properties: AnalyticsProperties[T];
}

/** The one way an event is made, whether it is written alone, with others or with a chat turn. */
export function analyticsEvent<T extends AnalyticsEventType>(
  type: T,
  subject: AnalyticsSubject,
  properties: AnalyticsProperties[T],
): AnalyticsEvent<T> {
  return { type, userId: subject.userId ?? null, sessionId: subject.sessionId ?? null, messageId: subject.messageId ?? null, properties };
}

/** Writes several events in one statement, as part of the caller's transaction. */
export async function trackAll(events: AnalyticsEvent[], tx: Executor): Promise<void> {
  await insertAnalyticsEvents(events, tx);
}

/**
 * Writes an event. Inside a transaction it is part of it (a failure fails the transaction);
 * otherwise failures are logged, never surfaced to the user.
 */
export async function track(event: AnalyticsEvent, tx?: Executor): Promise<void> {
  if (tx) return insertAnalyticsEvent(event, tx);
  try {
    await insertAnalyticsEvent(event);
  } catch (error) {
    log().warn({ err: errorSummary(error), type: event.type }, 'analytics event not written');
  }
}
