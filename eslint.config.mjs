import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';

// Each outside service has one home: swapping a provider touches one folder (see STYLE.md).
const HOMES = [
  { name: 'openai', home: 'lib/llm' },
  { name: 'nodemailer', home: 'lib/email' },
  { name: 'ioredis', home: 'lib/store' },
  { name: 'pg', home: 'db' },
  { name: '@electric-sql/pglite', home: 'db' },
  { name: 'drizzle-orm', home: 'db' },
];

const restriction = (name, home) => ({
  group: [name, `${name}/*`],
  message: `Only ${home}/ talks to ${name}: call a function of ${home}/ instead.`,
});

/** The restricted-imports rule for code outside `home` (null: outside every home). */
function restrictedImports(home) {
  const patterns = HOMES.filter((h) => h.home !== home).map((h) => restriction(h.name, h.home));
  return { 'no-restricted-imports': ['error', { patterns }] };
}

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  prettier,
  {
    files: ['app/**', 'components/**', 'lib/**', 'scripts/**', 'db/**', '*.ts'],
    rules: restrictedImports(null),
  },
  ...[...new Set(HOMES.map((h) => h.home))].map((home) => ({ files: [`${home}/**`], rules: restrictedImports(home) })),
  {
    // Browser code never reaches the database or the server's settings.
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...HOMES.map((h) => restriction(h.name, h.home)),
            { group: ['@/db', '@/db/*'], message: 'Components get data from the API or from a server page, not from the database.' },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures call their callback `use`; it is not a React hook.
    files: ['tests/e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  globalIgnores(['.next/**', 'out/**', 'build/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', '.data/**', 'drizzle/**']),
]);
