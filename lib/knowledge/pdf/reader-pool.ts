import 'server-only';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { singleton } from '@/lib/singleton';
import type { PdfjsLocations, PoolMessage, ReaderMessage, ThreadMessage } from './messages';

export interface PdfReadOptions {
  /** Called for every message; return false to stop reading this document early. */
  onMessage: (message: ReaderMessage) => boolean;
  timeoutMs: number;
  memoryMb: number;
}

export type PdfReadOutcome = 'finished' | 'stopped' | 'timeout' | 'out_of_memory';

/*
 * Warm PDF reader threads, reused across documents. Starting a thread and loading pdf.js costs
 * a few hundred milliseconds, and a fresh thread runs pdf.js unoptimised; a thread that has read
 * a few documents reads the next one about twice as fast. Each thread reads one document at a
 * time; a document that runs out of time or memory takes its thread down with it, and the next
 * document gets a new one. Idle threads do not keep the process alive.
 */
const POOL = {
  /** Upload checks and background ingestion can read at the same time; a hung PDF blocks one thread only. */
  maxThreads: 2,
  /** An idle thread is stopped after this long, giving its memory back. */
  idleMs: 10 * 60_000,
  /** A thread is replaced after this many documents, so nothing pdf.js keeps can pile up. */
  documentsPerThread: 200,
} as const;

interface Read {
  id: number;
  data: Uint8Array<ArrayBuffer>;
  opts: PdfReadOptions;
  /** Set when the caller stopped the read early: what it settles with once the thread lets go of it. */
  early?: PdfReadOutcome | Error;
  done: boolean;
  settle: (outcome: PdfReadOutcome | Error) => void;
}

interface ReaderThread {
  worker: Worker;
  memoryMb: number;
  read: Read | null;
  documents: number;
  retired: boolean;
  timer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
  /** Why the thread was stopped, for a read still in it. */
  stopReason?: string;
}

interface Pool {
  threads: Set<ReaderThread>;
  queue: Read[];
  nextId: number;
  started: number;
  locations?: PdfjsLocations;
}

// One per process: route handlers and the ingestion worker may load this module separately (bundles).
function pool(): Pool {
  return singleton<Pool>('fixlinePdfReaders', () => ({ threads: new Set(), queue: [], nextId: 0, started: 0 }));
}

/**
 * Reads a PDF in a reader thread with a hard time budget (from when its reading starts) and the
 * thread's memory budget. Resolves when the document is read, stopped early, out of time or out of
 * memory; rejects when the thread fails for another reason or `onMessage` throws.
 */
export function readPdfInThread(data: Uint8Array, opts: PdfReadOptions): Promise<PdfReadOutcome> {
  return new Promise((resolve, reject) => {
    const read: Read = {
      id: ++pool().nextId,
      // An exact-length copy, handed over rather than cloned again (a view may sit on a larger buffer).
      data: new Uint8Array(data),
      opts,
      done: false,
      settle: (outcome) => {
        if (read.done) return;
        read.done = true;
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      },
    };
    pool().queue.push(read);
    pump();
  });
}

/** Stops every reader thread; reads in progress or waiting fail. The next read starts a new thread. */
export async function stopPdfReaders(reason = 'The PDF reader was stopped because the server is shutting down.'): Promise<void> {
  const p = pool();
  for (const read of p.queue.splice(0)) read.settle(new Error(reason));
  await Promise.all([...p.threads].map((thread) => retire(thread, reason)));
}

/** For health checks and tests: threads running, busy, reads waiting, and threads started so far. */
export function pdfReaderStats() {
  const p = pool();
  const threads = [...p.threads];
  return { threads: threads.length, busy: threads.filter((t) => t.read).length, queued: p.queue.length, started: p.started };
}

function pump(): void {
  const p = pool();
  while (p.queue.length) {
    const read = p.queue[0];
    const idle = [...p.threads].filter((t) => !t.read);
    let thread = idle.find((t) => t.memoryMb === read.opts.memoryMb);
    if (!thread) {
      if (p.threads.size >= POOL.maxThreads) {
        // Every thread is busy, or an idle one has another memory budget: replace that one.
        if (!idle.length) return;
        void retire(idle[0], 'replaced');
      }
      thread = spawn(read.opts.memoryMb);
    }
    p.queue.shift();
    dispatch(thread, read);
  }
}

function spawn(memoryMb: number): ReaderThread {
  const p = pool();
  p.locations ??= pdfjsLocations();
  const worker = startThread({ workerData: p.locations, resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
  const thread: ReaderThread = { worker, memoryMb, read: null, documents: 0, retired: false };
  worker.on('message', (message: ThreadMessage) => onMessage(thread, message));
  worker.on('error', (error: Error & { code?: string }) => {
    const read = thread.read;
    read?.settle(
      read.early ?? (error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out_of_memory' : new Error(`The PDF reader failed: ${error.message}`)),
    );
    void retire(thread, 'failed');
    pump();
  });
  worker.on('exit', (code) => {
    // A read still in the thread here was stopped by stopPdfReaders, or the thread died on its own.
    const read = thread.read;
    read?.settle(read.early ?? new Error(thread.retired ? thread.stopReason : `The PDF reader stopped unexpectedly (exit code ${code}).`));
    void retire(thread, 'exited');
    pump();
  });
  p.threads.add(thread);
  p.started += 1;
  return thread;
}

function dispatch(thread: ReaderThread, read: Read): void {
  thread.read = read;
  clearTimeout(thread.idleTimer);
  thread.worker.ref();
  thread.timer = setTimeout(() => {
    // pdf.js cannot be interrupted inside a page: the thread goes, and the next read gets a new one.
    read.settle(read.early ?? 'timeout');
    void retire(thread, 'timed out');
    pump();
  }, read.opts.timeoutMs);
  thread.worker.postMessage({ type: 'read', id: read.id, data: read.data } satisfies PoolMessage, [read.data.buffer]);
}

function onMessage(thread: ReaderThread, message: ThreadMessage): void {
  const read = thread.read;
  // A thread being stopped (timed out) may still deliver what it posted before: nobody listens.
  if (!read || message.id !== read.id || thread.retired) return;
  const end = message.type === 'done' || message.type === 'fail' || message.type === 'cancelled';
  if (!read.early && message.type !== 'cancelled') {
    let keepGoing = false;
    try {
      keepGoing = read.opts.onMessage(message);
    } catch (error) {
      read.early = error as Error;
    }
    if (!end && !keepGoing) {
      read.early ??= 'stopped';
      // The thread stops reading this document at the next page. The caller hears back once it has,
      // so its next document finds the warm thread free instead of starting another one.
      thread.worker.postMessage({ type: 'cancel', id: read.id } satisfies PoolMessage);
    }
  }
  if (end) {
    read.settle(read.early ?? 'finished');
    release(thread);
  }
}

function release(thread: ReaderThread): void {
  clearTimeout(thread.timer);
  thread.read = null;
  thread.documents += 1;
  if (thread.documents >= POOL.documentsPerThread) {
    void retire(thread, 'recycled');
  } else {
    thread.worker.unref();
    thread.idleTimer = setTimeout(() => void retire(thread, 'idle'), POOL.idleMs);
    thread.idleTimer.unref();
  }
  pump();
}

async function retire(thread: ReaderThread, reason: string): Promise<void> {
  if (thread.retired) return;
  thread.retired = true;
  thread.stopReason = reason;
  clearTimeout(thread.timer);
  clearTimeout(thread.idleTimer);
  pool().threads.delete(thread);
  await thread.worker.terminate();
}

/**
 * The thread's code. Built, the bundler copies the file among the server's assets and this URL
 * points to the copy; from source (tsx, Vitest) it is the file itself.
 */
const THREAD_FILE = new URL('./reader-thread.ts', import.meta.url);

/** A thread running reader-thread.ts. Node 20 does not run TypeScript by itself: tsx (a dependency, as for the scripts) compiles it there. */
function startThread(options: WorkerOptions): Worker {
  return new Worker(`require('tsx/cjs/api').require(${JSON.stringify(fileURLToPath(THREAD_FILE))}, __filename);`, {
    ...options,
    eval: true,
  });
}

/** Where pdf.js lives; resolved from the app root, not from this file: bundling moves this file, not node_modules. */
function pdfjsLocations(): PdfjsLocations {
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  const main = require.resolve('pdfjs-dist/legacy/build/pdf.mjs');
  const root = path.resolve(path.dirname(main), '../..');
  return {
    pdfjsUrl: pathToFileURL(main).href,
    pdfjsWorkerUrl: pathToFileURL(path.join(path.dirname(main), 'pdf.worker.mjs')).href,
    cMapDir: path.join(root, 'cmaps') + path.sep,
    fontDir: path.join(root, 'standard_fonts') + path.sep,
  };
}
