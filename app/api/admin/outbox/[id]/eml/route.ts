// GET /api/admin/outbox/:id/eml – the email as an .eml file (admin only)
import { documentRoute, route } from '@/lib/api/handler';
import { outboxEml } from '@/lib/email/admin';
import { fileBody } from '@/lib/openapi/schemas';
import { outboxId } from '../../schema';

export const GET = route({ name: 'GET /api/admin/outbox/:id/eml', roles: ['admin'] }, async ({ params }) => {
  const { fileName, data } = await outboxEml(outboxId(params));
  return new Response(new Uint8Array(data), {
    headers: {
      // Served as plain text so the browser shows it and never renders the HTML part as a page.
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': `inline; filename="${fileName}"`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox; frame-ancestors 'none'",
    },
  });
});

documentRoute(GET, {
  summary: 'One outgoing email as an .eml file, shown as text',
  responses: { 200: fileBody('The message as sent', ['text/plain']) },
});
