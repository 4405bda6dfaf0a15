// GET /api/me – the signed-in user
import { documentRoute, route } from '@/lib/api/handler';

export const GET = route({ name: 'GET /api/me' }, async ({ user }) => ({
  user: { id: user.id, email: user.email, name: user.name, role: user.role },
}));

documentRoute(GET, { summary: 'The signed-in user' });
