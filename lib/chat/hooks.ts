import { updateSession } from '@/db/queries/chat';
import type { AiMessage, AiSession } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit';
import type { AuthUser } from '@/lib/auth/session';
import { toSessionView } from '@/lib/conversations/views';
import { escalateOnMessage, offerAfterAnswerIfDue } from '@/lib/escalation/automatic';
import type { LiveEvent } from '@/lib/live/events';
import { publish } from '@/lib/live/hub';
import { completeText, llmAvailable } from '@/lib/llm';
import { log } from '@/lib/log';
import type { CompletedAnswer } from './generate';
import { titlePrompt } from './prompts';

/**
 * Runs once the technician's message is stored, before the answer: returns events for the stream.
 * A safety emergency or a request for a person escalates here, at once.
 */
export async function beforeAnswer(ctx: { user: AuthUser; session: AiSession; message: AiMessage | null; meta: RequestMeta }): Promise<LiveEvent[]> {
  try {
    return await escalateOnMessage(ctx);
  } catch (error) {
    // The technician's question is still answered; the failure is loud in the logs.
    log().error({ err: (error as Error).message, sessionId: ctx.session.id }, 'automatic escalation failed');
    return [];
  }
}

/** Runs when an answer is complete, before its `done` event: offers escalation when it is due. */
export async function afterAnswer(ctx: { user: AuthUser; session: AiSession; answer: CompletedAnswer; created: boolean; question: string; meta: RequestMeta }): Promise<void> {
  await offerAfterAnswerIfDue({ session: ctx.session, answer: ctx.answer, question: ctx.question });
}

/** A model-written title after the first exchange; the first words of the question stay if it fails. */
export async function refineTitle(session: AiSession, question: string): Promise<void> {
  if (!session.titleIsAuto || !llmAvailable()) return;
  try {
    const title = (await completeText({ messages: titlePrompt(question), maxTokens: 24 })).text.trim().replace(/^["']|["'.]$/g, '').slice(0, 80);
    if (!title) return;
    const updated = await updateSession({ id: session.id, title });
    await publish(session.id, { type: 'session', session: toSessionView(updated, null) });
  } catch (error) {
    log().debug({ err: (error as Error).message }, 'title not generated');
  }
}
