// GET /api/me – the signed-in user
import { route } from '@/lib/api/handler';

export const GET = route({ name: 'GET /api/me' }, async ({ user }) => ({
  user: { id: user.id, email: user.email, name: user.name, role: user.role },
}));
