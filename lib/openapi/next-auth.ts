import 'server-only';
import { z } from 'zod';
import { describeRoute } from '@/lib/api/handler';

// next-auth's endpoints under /api/auth/* (app/api/auth/[...nextauth]/route.ts), as the sign-in page uses them.
const csrfToken = z.string().meta({ description: 'From GET /api/auth/csrf' });
const form = (schema: z.ZodObject) => ({ content: { 'application/x-www-form-urlencoded': { schema } } });
const redirect = { description: 'Redirect (or, with json=true, `{ url }` as JSON)' };
describeRoute({
  name: 'GET /api/auth/csrf',
  auth: false,
  summary: 'The CSRF token the sign-in and sign-out forms send',
  responses: { 200: z.object({ csrfToken: z.string() }) },
});
describeRoute({
  name: 'GET /api/auth/session',
  auth: false,
  summary: 'The signed-in session (an empty object when signed out)',
  responses: {
    200: z.object({ user: z.object({ name: z.string(), email: z.string() }).partial().optional(), expires: z.string().optional() }),
  },
});
describeRoute({
  name: 'GET /api/auth/providers',
  auth: false,
  summary: 'The sign-in providers (email and password)',
  responses: { 200: { description: 'Providers by id', content: { 'application/json': { schema: { type: 'object' } } } } },
});
describeRoute({
  name: 'POST /api/auth/callback/credentials',
  auth: false,
  summary: 'Sign in with email and password; sets the session cookie',
  requestBody: form(z.object({ csrfToken, email: z.email(), password: z.string(), json: z.enum(['true', 'false']).optional() })),
  responses: { 200: redirect, 302: redirect },
  errors: [401, 429],
});
describeRoute({
  name: 'POST /api/auth/signout',
  auth: false,
  summary: 'Sign out; clears the session cookie and revokes the session',
  requestBody: form(z.object({ csrfToken, json: z.enum(['true', 'false']).optional() })),
  responses: { 200: redirect, 302: redirect },
});
