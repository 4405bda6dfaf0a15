// GET /api/me – the signed-in user; DELETE – delete my account and my data (confirmed with my email)
import { z } from 'zod';
import { documentRoute, route } from '@/lib/api/handler';
import { signOutCookies } from '@/lib/privacy/cookies';
import { deleteAccount } from '@/lib/privacy/delete';

export const GET = route({ name: 'GET /api/me' }, async ({ user }) => ({
  user: { id: user.id, email: user.email, name: user.name, role: user.role },
}));

const deleteBody = z.strictObject({
  confirm: z.string({ error: 'type your email address in confirm to delete your account' }).trim().min(1).max(254),
});

export const DELETE = route({ name: 'DELETE /api/me', body: deleteBody }, async ({ user, body, meta }) => {
  const deleted = await deleteAccount(user, body.confirm, meta);
  const headers = new Headers();
  for (const cookie of signOutCookies()) headers.append('set-cookie', cookie);
  return Response.json({ deleted }, { headers });
});

documentRoute(GET, { summary: 'The signed-in user' });
documentRoute(DELETE, {
  summary: 'Deletes my account and my data: conversations, messages and feedback go, escalations are anonymised, every sign-in ends',
});
