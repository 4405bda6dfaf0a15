// GET /api/admin/consents – every user's consent to AI processing: state, version and time (admin only)
import { documentRoute, route } from '@/lib/api/handler';
import { listConsentsForAdmin } from '@/lib/privacy/consents';
import { listConsentsQuery } from './schema';

export const GET = route({ name: 'GET /api/admin/consents', roles: ['admin'], query: listConsentsQuery }, async ({ query }) =>
  listConsentsForAdmin({ ...query, search: query.search || undefined }),
);

documentRoute(GET, { summary: "Every user's consent to AI processing: state, version and time" });
