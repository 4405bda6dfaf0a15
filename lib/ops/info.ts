import 'server-only';
import { dbDriver } from '@/db';
import { env } from '@/lib/env';
import { embeddingsConfigured } from '@/lib/llm';
import { store } from '@/lib/store';
import pkg from '@/package.json';

export function appInfo() {
  const settings = env();
  return {
    name: 'fixline',
    version: pkg.version,
    node: process.version,
    environment: settings.NODE_ENV,
    modes: {
      database: dbDriver() === 'pg' ? 'postgres' : 'embedded',
      store: store().mode === 'redis' ? 'redis' : 'in-process',
      assistant: settings.llmConfigured ? 'ai' : 'manuals-only',
      mail: settings.smtpConfigured ? 'smtp' : 'outbox-files',
      vectorSearch: embeddingsConfigured(),
    },
    models: settings.llmConfigured ? { primary: settings.OPENAI_MODEL, fallback: settings.OPENAI_FALLBACK_MODEL ?? null } : null,
  };
}
