// Serves the stub model API for benchmarks and browser tests:
//   npx tsx tests/helpers/model-server-cli.ts --port 4010 --first-token-ms 50 --token-ms 5 --tokens 60
// Every model streams an echo-like answer that mentions the question and cites [1] when the
// prompt has manual passages.
import { parseArgs } from 'node:util';
import { startModelServer } from './model-server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    'first-token-ms': { type: 'string', default: '50' },
    'token-ms': { type: 'string', default: '5' },
    tokens: { type: 'string', default: '60' },
  },
});

function number(name: keyof typeof values): number {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a non-negative number (got "${values[name]}")`);
    process.exit(2);
  }
  return n;
}

async function main() {
  const server = await startModelServer({ port: number('port'), host: String(values.host) });
  server.setDefault('*', {
    kind: 'echo',
    length: number('tokens'),
    firstTokenDelayMs: number('first-token-ms'),
    tokenDelayMs: number('token-ms'),
  });
  console.log(`model server listening on ${server.url}`);

  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: Error) => {
  console.error(`model server failed to start: ${error.message}`);
  process.exit(1);
});
