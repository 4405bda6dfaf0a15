import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js';

/**
 * The page CSP. In development React rebuilds server call stacks with eval(), so `next dev` (and
 * only it) allows eval; the production build never does.
 */
function pageCsp(dev) {
  return [
    "default-src 'self'",
    // Next.js hydration uses inline scripts; nothing else may run.
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // The manual viewer's pdf.js worker, bundled and served from our origin; nothing else.
    "worker-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

// API answers are data: nothing in them may load or run anything.
const apiCsp = "default-src 'none'; frame-ancestors 'none'";

// Routes that serve stored bytes (manuals, outgoing emails) set a CSP of their own, stricter than a
// page's. Next keeps a header set here over the route's, so these get none of the CSPs above.
const STORED_FILES = ['knowledge/[^/]+/file', 'admin/outbox/[^/]+/eml'];

const commonHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];
const noFraming = { key: 'X-Frame-Options', value: 'DENY' };

/** @type {(phase: string) => import('next').NextConfig} */
export default function nextConfig(phase) {
  const dev = phase === PHASE_DEVELOPMENT_SERVER;
  return {
    // `next dev` serves its scripts and live reload to localhost only; 127.0.0.1 is the same machine.
    allowedDevOrigins: ['127.0.0.1'],
    poweredByHeader: false,
    reactStrictMode: true,
    serverExternalPackages: [
      '@electric-sql/pglite',
      'pg',
      'ioredis',
      'pino',
      'pdfjs-dist',
      'nodemailer',
      'bcryptjs',
      'pdfkit',
      'rate-limiter-flexible',
      'prom-client',
    ],
    async headers() {
      return [
        { source: '/:path*', headers: commonHeaders },
        // Pages and static files: everything outside /api.
        { source: '/:path((?!api(?:/|$)).*)', headers: [{ key: 'Content-Security-Policy', value: pageCsp(dev) }, noFraming] },
        { source: '/api', headers: [{ key: 'Content-Security-Policy', value: apiCsp }, noFraming] },
        {
          source: `/api/:path((?!(?:${STORED_FILES.join('|')})$).*)`,
          headers: [{ key: 'Content-Security-Policy', value: apiCsp }, noFraming],
        },
      ];
    },
  };
}
