// GET /api/sessions/unread/stream – the unread support replies as SSE: the counts now, then each change (with the reply)
import { documentRoute, route } from '@/lib/api/handler';
import { unreadSummary } from '@/lib/escalation/unread';
import { openUserStream } from '@/lib/live/user-stream';
import { eventStream } from '@/lib/openapi/schemas';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'GET /api/sessions/unread/stream' }, async ({ user, req }) =>
  openUserStream({
    userId: user.id,
    first: async () => ({ type: 'unread', ...(await unreadSummary(user.id)) }),
    signal: req.signal,
  }),
);

documentRoute(GET, {
  summary: 'Unread support replies, live: the counts now, then every change (with the new reply, if any)',
  responses: { 200: eventStream('`unread` events: {sessions, total, reply?}') },
});
