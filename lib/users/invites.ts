import 'server-only';
import crypto from 'node:crypto';
import { db, type Executor } from '@/db';
import { claimInvite, createInvite, getInviteWithUser, retireInvites, updateUser } from '@/db/queries/users';
import type { User } from '@/db/schema';
import { audit, type AuditActor, type RequestMeta } from '@/lib/audit';
import { hashPassword, passwordProblem } from '@/lib/auth/password';
import { hashToken } from '@/lib/auth/tokens';
import { button, escapeHtml, layout } from '@/lib/email/html';
import type { OutgoingEmail } from '@/lib/email/message';
import { enqueueEmails } from '@/lib/email/outbox';
import { env } from '@/lib/env';
import { AppError, forbidden, notFound } from '@/lib/errors';
import { oneLine } from '@/lib/log';
import { USER_POLICY } from './policy';

const INVITE_PREFIX = 'fli_';

export const inviteUrl = (token: string) => `${env().appUrl}/invite/${token}`;

/**
 * A new single-use link for the user to set a password, replacing any open one; queued to the
 * user by email in the same transaction. The link is returned once and only its hash is stored.
 */
export async function issueInvite(user: User, actor: AuditActor, purpose: 'welcome' | 'reset', tx: Executor) {
  const token = INVITE_PREFIX + crypto.randomBytes(32).toString('base64url');
  await retireInvites({ userId: user.id }, tx);
  const invite = await createInvite(
    {
      userId: user.id,
      tokenHash: hashToken(token),
      createdById: actor.id,
      expiresAt: new Date(Date.now() + USER_POLICY.inviteTtlDays * 86_400_000),
    },
    tx,
  );
  const url = inviteUrl(token);
  await enqueueEmails([inviteEmail({ id: invite.id, to: user, url, purpose, expiresAt: invite.expiresAt })], tx);
  return { url, expiresAt: invite.expiresAt };
}

function inviteEmail({
  id,
  to,
  url,
  purpose,
  expiresAt,
}: {
  id: string;
  to: Pick<User, 'name' | 'email'>;
  url: string;
  purpose: 'welcome' | 'reset';
  expiresAt: Date;
}): OutgoingEmail {
  const name = oneLine(to.name, 120).trim();
  const subject = purpose === 'welcome' ? 'Your Fixline account: choose a password' : 'Fixline: choose a new password';
  const intro =
    purpose === 'welcome'
      ? 'An administrator created a Fixline account for you. Choose a password to start:'
      : 'An administrator reset your Fixline password. Choose a new one:';
  const until = `The link works once, until ${expiresAt.toUTCString()}.`;
  return {
    kind: purpose === 'welcome' ? 'user-invite' : 'password-reset',
    key: `invite-${id}`,
    to: to.email,
    subject,
    text: [`Hello ${name},`, '', intro, url, '', until, 'If you did not expect this email, ignore it.'].join('\n'),
    html: layout({
      title: subject,
      body: [
        `<p style="font-size:14px">Hello ${escapeHtml(name)},</p>`,
        `<p style="font-size:14px">${escapeHtml(intro)}</p>`,
        `<p style="margin:20px 0">${button(url, 'Choose a password')}</p>`,
        `<p style="font-size:13px;color:#475569">${escapeHtml(until)} If you did not expect this email, ignore it.</p>`,
      ].join('\n'),
    }),
  };
}

export type InviteState =
  { status: 'open'; email: string; name: string; expiresAt: Date } | { status: 'invalid' | 'used' | 'expired' | 'disabled' };

const STATE_ERRORS = {
  invalid: () => notFound('Invite link'),
  used: () => new AppError('gone', 'This invite link has already been used. Sign in, or ask an administrator for a new link.'),
  expired: () => new AppError('gone', 'This invite link has expired. Ask an administrator for a new one.'),
  disabled: () => forbidden('This account is disabled. Ask an administrator.'),
} as const;

async function findInvite(token: string) {
  if (!token.startsWith(INVITE_PREFIX) || token.length > 200) return undefined;
  return getInviteWithUser({ tokenHash: hashToken(token) });
}

/** What the invite page shows for a link. */
export async function inviteState(token: string): Promise<InviteState> {
  const row = await findInvite(token);
  if (!row) return { status: 'invalid' };
  if (row.invite.usedAt) return { status: 'used' };
  if (row.invite.expiresAt.getTime() <= Date.now()) return { status: 'expired' };
  if (row.user.disabledAt) return { status: 'disabled' };
  return { status: 'open', email: row.user.email, name: row.user.name, expiresAt: row.invite.expiresAt };
}

/** Sets the password from an invite link; the link works once. Returns the email to sign in with. */
export async function acceptInvite({ token, password }: { token: string; password: string }, meta: RequestMeta) {
  const state = await inviteState(token);
  if (state.status !== 'open') throw STATE_ERRORS[state.status]();
  // A weak password is refused before the link is spent, so the user can try again.
  const problem = passwordProblem(password, state.email);
  if (problem) throw new AppError('validation_error', problem);
  const passwordHash = await hashPassword(password);
  const row = (await findInvite(token))!;
  await db().transaction(async (tx) => {
    if (!(await claimInvite({ id: row.invite.id }, tx))) throw STATE_ERRORS.used();
    await updateUser({ id: row.user.id, passwordHash }, tx);
    await audit({ action: 'user.invite_accepted', actor: row.user, target: { type: 'user', id: row.user.id }, meta }, tx);
  });
  return { email: row.user.email };
}
