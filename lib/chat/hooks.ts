import { updateSession } from '@/db/queries/chat';
import type { AiMessage, AiSession } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit';
import type { AuthUser } from '@/lib/auth/session';
import { completeText, llmAvailable } from '@/lib/llm';
import { log } from '@/lib/log';
import type { LiveEvent } from './events';
import type { CompletedAnswer } from './generate';
import { publish } from './live';
import { titlePrompt } from './prompts';
import { toSessionView } from './views';

/** Runs once the technician's message is stored, before the answer: returns events for the stream. */
export async function beforeAnswer(_ctx: { user: AuthUser; session: AiSession; message: AiMessage | null; meta: RequestMeta }): Promise<LiveEvent[]> {
  return [];
}

/** Runs when an answer is complete, before its `done` event. */
export async function afterAnswer(_ctx: { user: AuthUser; session: AiSession; answer: CompletedAnswer; created: boolean; question: string; meta: RequestMeta }): Promise<void> {}

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
