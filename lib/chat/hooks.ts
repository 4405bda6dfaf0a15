import 'server-only';
import { updateSession } from '@/db/queries/chat';
import type { AiSession } from '@/db/schema';
import { toSessionView } from '@/lib/conversations/views';
import { publish } from '@/lib/live/hub';
import { completeText, llmAvailable } from '@/lib/llm';
import { log } from '@/lib/log';
import { titlePrompt } from './prompts';

/** A model-written title after the first exchange; the first words of the question stay if it fails. */
export async function refineTitle(session: AiSession, question: string): Promise<void> {
  if (!session.titleIsAuto || !llmAvailable()) return;
  try {
    const title = (await completeText({ messages: titlePrompt(question), maxTokens: 24 })).text
      .trim()
      .replace(/^["']|["'.]$/g, '')
      .slice(0, 80);
    if (!title) return;
    const updated = await updateSession({ id: session.id, title });
    await publish(session.id, { type: 'session', session: toSessionView(updated, null) });
  } catch (error) {
    log().debug({ err: (error as Error).message }, 'title not generated');
  }
}
