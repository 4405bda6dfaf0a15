import 'server-only';
import { z } from 'zod';
import { describeRoute } from '@/lib/api/handler';
import { fileBody } from './schemas';
import './next-auth';

// Every route module of app/api, one line each: importing a module records the definitions of its
// route() handlers. tests/integration/openapi.test.ts fails when a route file is missing here.
import '@/app/api/admin/analytics/route';
import '@/app/api/admin/audit-logs/route';
import '@/app/api/admin/consents/route';
import '@/app/api/admin/outbox/[id]/eml/route';
import '@/app/api/admin/outbox/[id]/retry/route';
import '@/app/api/admin/outbox/[id]/route';
import '@/app/api/admin/outbox/route';
import '@/app/api/admin/users/[id]/password/route';
import '@/app/api/admin/users/[id]/route';
import '@/app/api/admin/users/route';
import '@/app/api/auth/[...nextauth]/route';
import '@/app/api/chat/route';
import '@/app/api/email/inbound/route';
import '@/app/api/escalations/[id]/replies/route';
import '@/app/api/escalations/[id]/route';
import '@/app/api/escalations/route';
import '@/app/api/health/live/route';
import '@/app/api/health/ready/route';
import '@/app/api/health/route';
import '@/app/api/info/route';
import '@/app/api/invites/accept/route';
import '@/app/api/knowledge/[id]/file/route';
import '@/app/api/knowledge/[id]/reindex/route';
import '@/app/api/knowledge/[id]/route';
import '@/app/api/knowledge/chunks/[chunkId]/route';
import '@/app/api/knowledge/models/route';
import '@/app/api/knowledge/reindex/route';
import '@/app/api/knowledge/route';
import '@/app/api/me/consent/route';
import '@/app/api/me/export/route';
import '@/app/api/me/route';
import '@/app/api/me/tokens/[id]/route';
import '@/app/api/me/tokens/route';
import '@/app/api/messages/[id]/feedback/route';
import '@/app/api/metrics/route';
import '@/app/api/openapi.json/route';
import '@/app/api/sessions/[id]/escalate/route';
import '@/app/api/sessions/[id]/route';
import '@/app/api/sessions/[id]/stop/route';
import '@/app/api/sessions/[id]/stream/route';
import '@/app/api/sessions/route';
import '@/app/api/sessions/[id]/read/route';
import '@/app/api/sessions/[id]/escalation-offer/route';
import '@/app/api/sessions/unread/route';
import '@/app/api/sessions/unread/stream/route';

// Plain handlers, not route(): their definitions are written here (next-auth's in ./next-auth).
describeRoute({
  name: 'GET /api/health/live',
  auth: false,
  summary: 'Liveness: the process is up and serving',
  responses: { 200: z.object({ status: z.literal('ok') }) },
});
describeRoute({
  name: 'GET /api/metrics',
  auth: false,
  summary: 'Prometheus metrics (requests, latencies, model tokens and cost, escalations, outbox, streams)',
  responses: { 200: fileBody('Prometheus text exposition format', ['text/plain']) },
});
