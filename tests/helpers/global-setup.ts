import type { TestProject } from 'vitest/node';
import { createTestDatabase, dropTestDatabase } from './databases';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisPrefix: string;
  }
}

// A fresh Postgres database for each run of the integration suite, dropped afterwards.
export default async function setup(project: TestProject) {
  const { url, name } = await createTestDatabase('fixline_test');
  project.provide('databaseUrl', url);
  project.provide('redisPrefix', `fixline-test-${Date.now().toString(36)}:`);
  return async () => {
    await dropTestDatabase(name);
  };
}
