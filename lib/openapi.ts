import 'server-only';
import pkg from '@/package.json';

// The documented JSON API (OpenAPI 3.1). Request bodies are validated by the zod schemas next to
// each route; this describes them for integrators.
const error = { $ref: '#/components/schemas/Error' };
const json = (schema: object) => ({ 'application/json': { schema } });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { description: STATUS[c], content: json(error) }]));
const STATUS: Record<number, string> = {
  400: 'Invalid input',
  401: 'Not signed in, or the API token is invalid',
  403: 'Role not allowed or cross-site request',
  404: 'Not found (or not yours)',
  409: 'Conflict',
  413: 'Too large',
  415: 'Wrong content type',
  429: 'Rate limited (see Retry-After)',
  503: 'Unavailable',
};
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const sse = {
  description: 'Server-Sent Events: session, token, reset, citations, escalation, done, error (heartbeat comments every 15 s)',
  content: { 'text/event-stream': { schema: { type: 'string' } } },
};

export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Fixline API',
      version: pkg.version,
      description: 'Chat support for field technicians, grounded in machine manuals, with escalation to human support.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }, { cookie: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (POST /api/me/tokens)' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'fixline.session-token' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' } },
            },
          },
        },
        ChatRequest: {
          type: 'object',
          required: ['message'],
          additionalProperties: false,
          properties: {
            sessionId: { type: 'string', format: 'uuid' },
            message: { type: 'string', maxLength: 8000 },
            machineModel: { type: ['string', 'null'] },
            serialNumber: { type: ['string', 'null'] },
            regenerate: { type: 'boolean' },
          },
        },
        Escalate: {
          type: 'object',
          required: ['urgency'],
          properties: { urgency: { enum: ['low', 'normal', 'high'] }, note: { type: 'string' }, phone: { type: 'string' } },
        },
        Feedback: { type: 'object', required: ['helpful'], properties: { helpful: { type: 'boolean' }, comment: { type: 'string' } } },
      },
    },
    paths: {
      '/api/chat': {
        post: {
          summary: 'Send a message (creates the conversation without sessionId) and stream the answer',
          requestBody: { required: true, content: json({ $ref: '#/components/schemas/ChatRequest' }) },
          responses: { 200: sse, ...errors(400, 401, 404, 409, 413, 415, 429, 503) },
        },
      },
      '/api/sessions': {
        get: { summary: 'My conversations, newest first', responses: { 200: { description: 'Conversations' }, ...errors(401) } },
      },
      '/api/sessions/{id}': {
        parameters: [id],
        get: {
          summary: 'A conversation with its messages and citations',
          responses: { 200: { description: 'Conversation' }, ...errors(401, 404) },
        },
        patch: {
          summary: 'Rename or set machine model and serial',
          responses: { 200: { description: 'Updated' }, ...errors(400, 401, 404) },
        },
        delete: { summary: 'Delete a conversation', responses: { 204: { description: 'Deleted' }, ...errors(401, 404) } },
      },
      '/api/sessions/{id}/stream': {
        parameters: [id],
        get: {
          summary: 'Live events of a conversation (answer in progress, support replies)',
          responses: { 200: sse, ...errors(401, 404) },
        },
      },
      '/api/sessions/{id}/stop': {
        parameters: [id],
        post: { summary: 'Stop the answer being written', responses: { 202: { description: 'Stopping' }, ...errors(401, 404, 409) } },
      },
      '/api/sessions/{id}/escalate': {
        parameters: [id],
        post: {
          summary: 'Escalate to human support',
          requestBody: { content: json({ $ref: '#/components/schemas/Escalate' }) },
          responses: { 201: { description: 'Escalated' }, ...errors(400, 401, 404, 409) },
        },
      },
      '/api/messages/{id}/feedback': {
        parameters: [id],
        post: {
          summary: 'Helpful / not helpful',
          requestBody: { content: json({ $ref: '#/components/schemas/Feedback' }) },
          responses: { 200: { description: 'Saved' }, ...errors(400, 401, 404, 409) },
        },
      },
      '/api/knowledge': {
        get: {
          summary: 'Manuals with status and progress (admin, support)',
          responses: { 200: { description: 'Manuals' }, ...errors(401, 403) },
        },
        post: {
          summary: 'Upload manuals (multipart/form-data: file…, title, machineModels, language, version, replaceId)',
          responses: { 201: { description: 'Queued for indexing' }, ...errors(400, 401, 403, 409, 413, 415, 422) },
        },
      },
      '/api/knowledge/{id}': {
        parameters: [id],
        get: { summary: 'One manual', responses: { 200: { description: 'Manual' }, ...errors(401, 403, 404) } },
        delete: { summary: 'Delete a manual', responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404) } },
      },
      '/api/knowledge/{id}/reindex': {
        parameters: [id],
        post: { summary: 'Re-index one manual', responses: { 202: { description: 'Queued' }, ...errors(401, 403, 404) } },
      },
      '/api/knowledge/reindex': {
        post: { summary: 'Re-index all manuals', responses: { 202: { description: 'Queued' }, ...errors(401, 403) } },
      },
      '/api/knowledge/{id}/file': {
        parameters: [id],
        get: {
          summary: 'The stored file (open at a page with #page=N)',
          responses: { 200: { description: 'PDF or text', content: { 'application/pdf': {} } }, ...errors(401, 404) },
        },
      },
      '/api/knowledge/chunks/{chunkId}': {
        parameters: [{ ...id, name: 'chunkId' }],
        get: {
          summary: 'One indexed passage of a manual (what a citation points to), for the viewer',
          responses: { 200: { description: 'Passage: id, documentId, pageStart, pageEnd, heading, content' }, ...errors(401, 404) },
        },
      },
      '/api/knowledge/models': { get: { summary: 'Machine models the manuals cover', responses: { 200: { description: 'Models' } } } },
      '/api/escalations': {
        get: { summary: 'Support inbox (support, admin)', responses: { 200: { description: 'Escalations' }, ...errors(401, 403) } },
      },
      '/api/escalations/{id}': {
        parameters: [id],
        get: { summary: 'Escalation with transcript', responses: { 200: { description: 'Escalation' }, ...errors(401, 403, 404) } },
        patch: {
          summary: 'Acknowledge, assign, resolve, hand back',
          responses: { 200: { description: 'Updated' }, ...errors(400, 401, 403, 404) },
        },
      },
      '/api/escalations/{id}/replies': {
        parameters: [id],
        post: { summary: 'Reply into the technician’s chat', responses: { 201: { description: 'Sent' }, ...errors(400, 401, 403, 404) } },
      },
      '/api/admin/users': {
        get: { summary: 'Users (admin)', responses: { 200: { description: 'Users' }, ...errors(401, 403) } },
        post: { summary: 'Create a user (admin)', responses: { 201: { description: 'Created' }, ...errors(400, 401, 403, 409) } },
      },
      '/api/admin/users/{id}': {
        parameters: [id],
        patch: {
          summary: 'Change role, disable, reset password (admin)',
          responses: { 200: { description: 'Updated' }, ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/api/admin/outbox': {
        get: { summary: 'Outgoing email with delivery status (admin)', responses: { 200: { description: 'Emails' }, ...errors(401, 403) } },
      },
      '/api/admin/outbox/{id}': {
        parameters: [id],
        get: {
          summary: 'One outgoing email with its text (admin)',
          responses: { 200: { description: 'Email' }, ...errors(401, 403, 404) },
        },
      },
      '/api/admin/outbox/{id}/retry': {
        parameters: [id],
        post: {
          summary: 'Send a failed email again (admin)',
          responses: { 202: { description: 'Queued' }, ...errors(401, 403, 404, 409) },
        },
      },
      '/api/me': { get: { summary: 'The signed-in user', responses: { 200: { description: 'User' }, ...errors(401) } } },
      '/api/me/tokens': {
        get: { summary: 'My API tokens', responses: { 200: { description: 'Tokens' } } },
        post: { summary: 'Create an API token (shown once)', responses: { 201: { description: 'Token' }, ...errors(400, 401) } },
      },
      '/api/me/tokens/{id}': {
        parameters: [id],
        delete: { summary: 'Revoke an API token', responses: { 204: { description: 'Revoked' }, ...errors(401, 404) } },
      },
      '/api/health': {
        get: {
          summary: 'Dependency checks',
          security: [],
          responses: { 200: { description: 'Healthy or degraded' }, 503: { description: 'Database down or shutting down' } },
        },
      },
      '/api/health/live': { get: { summary: 'Liveness', security: [], responses: { 200: { description: 'Up' } } } },
      '/api/health/ready': {
        get: {
          summary: 'Readiness (database reachable and migrated)',
          security: [],
          responses: { 200: { description: 'Ready' }, 503: { description: 'Not ready' } },
        },
      },
      '/api/info': { get: { summary: 'Version and modes', security: [], responses: { 200: { description: 'Info' } } } },
      '/api/metrics': {
        get: { summary: 'Prometheus metrics', security: [], responses: { 200: { description: 'Metrics', content: { 'text/plain': {} } } } },
      },
    },
  };
}
