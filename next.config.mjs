// Security headers for every response; API routes add no-store and CORS themselves.
const csp = [
  "default-src 'self'",
  // Next.js hydration uses inline scripts; nothing else may run.
  "script-src 'self' 'unsafe-inline'",
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

const securityHeaders = [
  { key: 'Content-Security-Policy', value: csp },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  output: 'standalone',
  // The PDF reader thread (lib/knowledge/pdf) loads these by path at run time, so tracing cannot
  // find them: tsx compiles the thread's TypeScript, pdf.js and its data read the PDF.
  outputFileTracingIncludes: {
    '/api/knowledge': [
      './node_modules/tsx/**',
      './node_modules/esbuild/**',
      './node_modules/@esbuild/**',
      './node_modules/pdfjs-dist/package.json',
      './node_modules/pdfjs-dist/legacy/build/pdf{,.worker}.mjs',
      './node_modules/pdfjs-dist/{cmaps,standard_fonts}/**',
      // pdf.js polyfills DOMMatrix with it in Node.
      './node_modules/@napi-rs/**',
    ],
  },
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
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
