import 'server-only';
import { getSessionForUserOrThrow, updateSession } from '@/db/queries/chat';
import type { AuthUser } from '@/lib/auth/session';

/**
 * The technician said no to the offer: it stays closed (the offer's time is kept, so it is not
 * made again for this problem) and a later escalation is the technician's own ("manual").
 */
export async function dismissOffer(user: AuthUser, sessionId: string): Promise<void> {
  const session = await getSessionForUserOrThrow({ id: sessionId, userId: user.id });
  if (session.escalationOfferReason) await updateSession({ id: session.id, escalationOfferReason: null });
}
