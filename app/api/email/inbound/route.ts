// POST /api/email/inbound – a reply by email (raw RFC 822 message), posted into the escalation or conversation it answers
import { NextRequest } from 'next/server';
import { documentRoute, route } from '@/lib/api/handler';
import { readLimited } from '@/lib/api/body';
import { INBOUND_POLICY, secretFrom, secretMatches } from '@/lib/email/inbound';
import { receiveInboundEmail } from '@/lib/email/inbound-post';
import { env } from '@/lib/env';
import { AppError, notFound, unauthorized } from '@/lib/errors';
import { json } from '@/lib/openapi/schemas';

export const dynamic = 'force-dynamic';

const SECRET_HEADER = 'x-inbound-secret';
/** Fields of JSON and multipart webhooks that carry the raw message (SendGrid's "email", Mailgun's "body-mime"). */
const RAW_FIELDS = ['raw', 'email', 'body-mime', 'rawEmail', 'RawEmail'] as const;

/** The raw message from the body: the body itself, or the webhook field carrying it. */
async function rawMessage(req: Request): Promise<Uint8Array> {
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  const bytes = await readLimited(req, INBOUND_POLICY.maxBytes);
  if (type.startsWith('application/json') || type.startsWith('multipart/form-data')) {
    let fields: Record<string, unknown>;
    try {
      fields = type.startsWith('application/json')
        ? (JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>)
        : Object.fromEntries(await new Response(bytes as BlobPart, { headers: { 'content-type': type } }).formData());
    } catch {
      throw new AppError('bad_request', 'The body could not be read as JSON or form data.');
    }
    const field = RAW_FIELDS.map((name) => fields?.[name]).find((v) => typeof v === 'string' || v instanceof Blob);
    if (field === undefined) throw new AppError('bad_request', `Send the raw message in one of the fields ${RAW_FIELDS.join(', ')}.`);
    return typeof field === 'string' ? new TextEncoder().encode(field) : new Uint8Array(await (field as Blob).arrayBuffer());
  }
  if (type && !/^(message\/rfc822|text\/plain|application\/octet-stream)\b/.test(type))
    throw new AppError('unsupported_media_type', 'Send the raw message with Content-Type: message/rfc822.');
  return bytes;
}

const handler = route({ name: 'POST /api/email/inbound', auth: false }, async ({ req, meta }) => {
  const secret = env().INBOUND_EMAIL_SECRET;
  if (!secret) throw notFound('Inbound email is not configured; route');
  if (!secretMatches(req.headers.get(SECRET_HEADER), secret)) throw unauthorized('The inbound email secret is missing or wrong.');
  const result = await receiveInboundEmail(await rawMessage(req), meta);
  return Response.json(result, { status: 202 });
});

/** The secret may come as a bearer token or HTTP Basic password; it is not an API token, so it moves to its own header. */
export async function POST(req: NextRequest, context: { params: Promise<Record<string, string>> }): Promise<Response> {
  const headers = new Headers(req.headers);
  const secret = secretFrom(headers);
  headers.delete('authorization');
  headers.delete(SECRET_HEADER);
  if (secret) headers.set(SECRET_HEADER, secret);
  const body = req.body;
  const forwarded = new NextRequest(req.url, { method: req.method, headers, body, duplex: 'half' } as ConstructorParameters<
    typeof NextRequest
  >[1]);
  return handler(forwarded, context);
}

documentRoute(handler, {
  summary: 'A reply by email, posted into the escalation or conversation it answers (enabled by INBOUND_EMAIL_SECRET)',
  requestBody: {
    content: {
      'message/rfc822': { schema: { type: 'string', format: 'binary' } },
      'application/json': { schema: { type: 'object', properties: { raw: { type: 'string' } } } },
      'multipart/form-data': { schema: { type: 'object', properties: { email: { type: 'string' } } } },
    },
  },
  responses: { 202: json('What was done: posted (and where) or duplicate') },
  errors: [404, 422],
});
