import 'server-only';
import { db } from '@/db';
import {
  anonymiseEscalations,
  anonymiseUser,
  countMessagesOfUser,
  countOtherActiveAdmins,
  deleteApiTokensOfUser,
  deleteConsentsOfUser,
  deleteEscalationReadsOfUser,
  deleteUnescalatedSessions,
  listStreamingSessionIds,
  lockUserOrThrow,
  renameAuthoredMessages,
  stripEscalatedSessions,
} from '@/db/queries/privacy';
import { normaliseEmail } from '@/db/queries/users';
import { audit, type RequestMeta } from '@/lib/audit';
import type { AuthUser } from '@/lib/auth/session';
import { requestStop } from '@/lib/chat/live';
import { AppError, conflict } from '@/lib/errors';
import { errorSummary, log } from '@/lib/log';
import { DELETED_NAME, deletedEmail } from './placeholders';

/**
 * DELETE /api/me: the user's account and data, for good.
 *
 * - Conversations, their messages and feedback are deleted.
 * - A conversation an escalation refers to stays with the support case: what the user wrote and
 *   the answers to it are deleted, support's replies and the escalation's summary stay; the
 *   escalation loses the phone number, and the account it names reads "Deleted user".
 * - API tokens and consent records are deleted; every sign-in ends at once.
 * - The account row stays as a disabled placeholder ("Deleted user", an address under
 *   deleted.invalid, no password) so the cases it raised or handled still name someone; the
 *   person's email address is free again for a new account.
 * - One audit row `user.deleted` with the account's id and counts, and nothing personal, records it.
 *   Earlier audit rows stay as they are: the audit log keeps its own retention.
 */
export async function deleteAccount(user: AuthUser, confirm: string, meta: RequestMeta) {
  if (normaliseEmail(confirm) !== normaliseEmail(user.email)) {
    throw new AppError('validation_error', 'To delete your account, type your email address exactly as you sign in with it.');
  }
  const streaming = await listStreamingSessionIds({ userId: user.id });
  const removed = await db().transaction(async (tx) => {
    const row = await lockUserOrThrow({ id: user.id }, tx);
    if (row.role === 'admin' && (await countOtherActiveAdmins({ userId: user.id }, tx)) === 0) {
      throw conflict('You are the last admin: make someone else an admin before you delete your account.');
    }
    const messagesBefore = await countMessagesOfUser({ userId: user.id }, tx);
    const sessionsDeleted = await deleteUnescalatedSessions({ userId: user.id }, tx);
    const kept = await stripEscalatedSessions({ userId: user.id, title: 'Conversation of a deleted user' }, tx);
    const messagesLeft = await countMessagesOfUser({ userId: user.id }, tx);
    const counts = {
      sessionsDeleted,
      sessionsKeptForSupport: kept.sessions,
      messagesDeleted: messagesBefore - messagesLeft,
      escalationsAnonymised: await anonymiseEscalations({ userId: user.id }, tx),
      repliesRenamed: await renameAuthoredMessages({ authorId: user.id, name: DELETED_NAME }, tx),
      apiTokensDeleted: await deleteApiTokensOfUser({ userId: user.id }, tx),
      consentsDeleted: await deleteConsentsOfUser({ userId: user.id }, tx),
    };
    await deleteEscalationReadsOfUser({ userId: user.id }, tx);
    await anonymiseUser({ id: user.id, name: DELETED_NAME, email: deletedEmail(user.id) }, tx);
    await audit({ action: 'user.deleted', target: { type: 'user', id: user.id }, details: { role: row.role, ...counts }, meta }, tx);
    return counts;
  });
  // The rows are gone; an answer still being written stops instead of writing into nothing.
  await Promise.all(
    streaming.map((id) => requestStop(id).catch((error) => log().warn({ err: errorSummary(error), sessionId: id }, 'stop request failed'))),
  );
  return removed;
}
