import 'server-only';
import { registerMailHealthChecks } from '@/lib/email/health';
import { startOutboxWorker, stopOutboxWorker } from '@/lib/email/outbox';
import { env } from '@/lib/env';
import { registerEscalationListeners } from '@/lib/escalation/automatic';
import { startReminderWorker, stopReminderWorker } from '@/lib/escalation/reminders';
import { knowledgeIsEmpty, loadDemoManual } from '@/lib/knowledge/demo';
import { stopPdfReaders } from '@/lib/knowledge/pdf/reader-pool';
import { startIngestionWorker, stopIngestionWorker } from '@/lib/knowledge/ingest/job';
import { log } from '@/lib/log';
import { startRetentionJob, stopRetentionJob } from '@/lib/retention/job';
import { CHAT_POLICY } from '@/lib/policies';
import { interruptDeadAnswers } from './bootstrap';
import { onShutdown } from './lifecycle';

/** A loop or timer of a server instance: started here, stopped on shutdown. */
interface Background {
  name: string;
  start: () => void;
  stop: () => Promise<void> | void;
}

let staleSweep: NodeJS.Timeout | undefined;

/** Every background loop of a server instance, in start order; shutdown stops them in reverse. */
const BACKGROUND: Background[] = [
  {
    // Answers that stopped just before this start look alive at first: a second pass once they are stale.
    name: 'stale-stream sweep',
    start: () => {
      staleSweep = setTimeout(() => void interruptDeadAnswers().catch(() => {}), (CHAT_POLICY.staleSeconds + 1) * 1000);
      staleSweep.unref();
    },
    stop: () => clearTimeout(staleSweep),
  },
  {
    name: 'mail outbox',
    start: () => {
      registerMailHealthChecks();
      startOutboxWorker();
    },
    stop: stopOutboxWorker,
  },
  // Stopped after the ingestion job, so the running job finishes its read first.
  { name: 'pdf reader', start: () => {}, stop: () => stopPdfReaders() },
  { name: 'ingestion worker', start: startIngestionWorker, stop: stopIngestionWorker },
  // A purge at start, then hourly; one instance at a time (a lock in the store).
  { name: 'retention purge', start: startRetentionJob, stop: stopRetentionJob },
  // Support replies left unread are emailed; the claim is a row lock, so every instance may run it.
  { name: 'unread-reply reminders', start: startReminderWorker, stop: stopReminderWorker },
];

/** Starts the background work (after bootstrap: hooks registered later run first on shutdown). */
export async function startWorkers(): Promise<void> {
  registerEscalationListeners(); // escalation follows chat turns and feedback
  for (const work of BACKGROUND) {
    work.start();
    onShutdown(work.name, work.stop);
  }
  await loadDemoManualIfEmpty();
}

/** A new embedded install gets the demo manual, so the first question has something to cite. */
async function loadDemoManualIfEmpty(): Promise<void> {
  if (!(env().embeddedDatabase && (env().DEMO_ACCOUNTS ?? true) && (await knowledgeIsEmpty()))) return;
  try {
    await loadDemoManual();
    log().info('demo manual queued for indexing');
  } catch (error) {
    log().warn({ err: (error as Error).message }, 'demo manual not loaded');
  }
}
