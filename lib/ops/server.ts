import 'server-only';
import { trustSocketAddress } from '@/lib/api/request';
import { env, ConfigError } from '@/lib/env';
import { bootstrap } from './bootstrap';
import { installSignalHandlers } from './lifecycle';
import { startWorkers } from './workers';

/** Server start: validate settings (a bad value stops start-up with a clear message), then bootstrap. */
export async function startServer(): Promise<void> {
  try {
    env();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`\n${error.message}\n\nFix the variables above and start again.\n`);
      process.exit(78);
    }
    throw error;
  }
  // Before the first request: a directly reached app takes the client address from the socket.
  trustSocketAddress();
  await bootstrap();
  await startWorkers();
  if (env().NODE_ENV === 'production') installSignalHandlers();
}
