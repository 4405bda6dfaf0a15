import 'server-only';
import { getSessionForUserOrThrow } from '@/db/queries/chat';
import { markSessionRead, unreadCountsForUser } from '@/db/queries/reads';
import type { AiMessage, AiSession } from '@/db/schema';
import type { AuthUser } from '@/lib/auth/session';
import { markdownToText } from '@/lib/text/markdown';
import type { ReplyNotice } from '@/lib/live/events';
import { liveHub } from '@/lib/live/hub';
import { errorSummary, log, oneLine } from '@/lib/log';

// Support replies the technician has not read: counted per conversation from the stored read
// position, announced live to every open tab of the technician (on every instance).

export interface UnreadSummary {
  sessions: Record<string, number>;
  total: number;
}

const PREVIEW_CHARS = 140;

export async function unreadSummary(userId: string): Promise<UnreadSummary> {
  const sessions = await unreadCountsForUser({ userId });
  return { sessions, total: Object.values(sessions).reduce((a, b) => a + b, 0) };
}

/** Tells the user's open tabs the new counts; a store hiccup must not undo a committed change. */
export async function announceUnread(userId: string, reply?: ReplyNotice): Promise<void> {
  try {
    const summary = await unreadSummary(userId);
    await liveHub().publishToUser(userId, { type: 'unread', ...summary, ...(reply ? { reply } : {}) });
  } catch (error) {
    log().warn({ err: errorSummary(error), userId }, 'unread count not published');
  }
}

/** The notice a support reply brings to the technician's other tabs and conversations. */
export function replyNotice(session: Pick<AiSession, 'id' | 'title'>, message: AiMessage): ReplyNotice {
  return {
    sessionId: session.id,
    messageId: message.id,
    title: oneLine(session.title, 120),
    authorName: message.authorName,
    preview: oneLine(markdownToText(message.content), PREVIEW_CHARS),
  };
}

/** POST /api/sessions/:id/read: the technician has seen the conversation up to its latest message. */
export async function markConversationRead(user: AuthUser, sessionId: string): Promise<UnreadSummary> {
  const session = await getSessionForUserOrThrow({ id: sessionId, userId: user.id });
  await markSessionRead({ sessionId: session.id });
  const summary = await unreadSummary(user.id);
  try {
    await liveHub().publishToUser(user.id, { type: 'unread', ...summary });
  } catch (error) {
    log().warn({ err: errorSummary(error), userId: user.id }, 'unread count not published');
  }
  return summary;
}
