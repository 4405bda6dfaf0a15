import { env } from '@/lib/env';
import { knowledgeIsEmpty, loadDemoManual } from '@/lib/knowledge/demo';
import { startIngestionWorker } from '@/lib/knowledge/worker';
import { log } from '@/lib/log';

/** Background work of a server instance: manual ingestion (and the mail outbox). */
export async function startWorkers(): Promise<void> {
  (await import('@/lib/escalation/automatic')).registerEscalationListeners(); // escalation follows chat turns and feedback
  startIngestionWorker();
  // A new embedded install gets the demo manual, so the first question has something to cite.
  if (env().embeddedDatabase && (env().DEMO_ACCOUNTS ?? true) && (await knowledgeIsEmpty())) {
    try {
      await loadDemoManual();
      log().info('demo manual queued for indexing');
    } catch (error) {
      log().warn({ err: (error as Error).message }, 'demo manual not loaded');
    }
  }
}
