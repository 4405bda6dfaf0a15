import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** One positioned run of text: [text, x, y, width, font size, ends a line]. */
export type RawTextItem = [str: string, x: number, y: number, width: number, size: number, eol: boolean];

export type WorkerMessage =
  | { type: 'meta'; pageCount: number; title: string | null }
  | { type: 'page'; pageNumber: number; items: RawTextItem[] }
  | { type: 'done' }
  | { type: 'fail'; name: string; message: string };

export interface PdfWorkerOptions {
  /** Called for every message; return false to stop the worker early. */
  onMessage: (message: WorkerMessage) => boolean;
  timeoutMs: number;
  memoryMb: number;
}

export type WorkerOutcome = 'finished' | 'stopped' | 'timeout' | 'out_of_memory';

/*
 * The worker is an inline script (eval) rather than a file next to this module: under tsx and
 * Vitest this module is TypeScript source, and in a Next.js build it is bundled, so there is no
 * stable path to a separate worker file. pdf.js itself is loaded from node_modules by absolute URL.
 * Kept in plain JS on purpose; the layout of the text is rebuilt on the main thread, typed.
 */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const post = (m) => parentPort.postMessage(m);
(async () => {
  const { pdfjsUrl, pdfjsWorkerUrl, cMapDir, fontDir, data } = workerData;
  globalThis.pdfjsWorker = await import(pdfjsWorkerUrl);
  const pdfjs = await import(pdfjsUrl);
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data,
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      useWorkerFetch: false,
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
      enableXfa: false,
      stopAtErrors: true,
      maxImageSize: 16 * 1024 * 1024,
      cMapUrl: cMapDir,
      cMapPacked: true,
      standardFontDataUrl: fontDir,
      verbosity: 0,
    }).promise;
    const meta = await doc.getMetadata().catch(() => null);
    const title = meta && meta.info && typeof meta.info.Title === 'string' ? meta.info.Title : null;
    post({ type: 'meta', pageCount: doc.numPages, title });
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items = [];
      for (const it of content.items) {
        if (typeof it.str !== 'string') continue;
        const t = it.transform;
        items.push([it.str, t[4], t[5], it.width, Math.hypot(t[2], t[3]) || it.height || 0, !!it.hasEOL]);
      }
      page.cleanup();
      post({ type: 'page', pageNumber: n, items });
    }
    post({ type: 'done' });
  } catch (error) {
    post({ type: 'fail', name: (error && error.name) || 'Error', message: String((error && error.message) || error) });
  } finally {
    if (doc) await doc.destroy().catch(() => {});
  }
})().catch((error) => {
  // Not the PDF's fault (pdf.js failed to load): surface it as a worker error.
  setImmediate(() => { throw error; });
});
`;

function pdfjsLocations() {
  // Resolved from the app root, not from this file: bundling moves this file, not node_modules.
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

/**
 * Parses a PDF in a worker thread with a hard time and memory budget. The worker is always
 * terminated when this settles, whatever pdf.js is doing at that moment.
 */
export function runPdfWorker(data: Uint8Array, opts: PdfWorkerOptions): Promise<WorkerOutcome> {
  return new Promise((resolve, reject) => {
    // An exact-length copy, handed over rather than cloned again (a view may sit on a larger buffer).
    const bytes = new Uint8Array(data);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ...pdfjsLocations(), data: bytes },
      transferList: [bytes.buffer],
      resourceLimits: { maxOldGenerationSizeMb: opts.memoryMb },
    });
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      settle();
    };
    const timer = setTimeout(() => finish(() => resolve('timeout')), opts.timeoutMs);
    worker.on('message', (message: WorkerMessage) => {
      if (settled) return;
      let keepGoing: boolean;
      try {
        keepGoing = opts.onMessage(message);
      } catch (error) {
        return finish(() => reject(error));
      }
      if (message.type === 'done' || message.type === 'fail') finish(() => resolve('finished'));
      else if (keepGoing === false) finish(() => resolve('stopped'));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') return finish(() => resolve('out_of_memory'));
      finish(() => reject(new Error(`The PDF reader failed: ${error.message}`)));
    });
    worker.on('exit', (code) => finish(() => reject(new Error(`The PDF reader stopped unexpectedly (exit code ${code}).`))));
  });
}

/** A line of a page rebuilt from the worker's text runs: its text, baseline and largest font size. */
export interface PageLine {
  text: string;
  y: number;
  size: number;
}

/**
 * Rebuilds the lines of a page from positioned text runs: a new line on an end-of-line mark or a
 * change of baseline, and a space where runs on one line leave a gap.
 */
export function pageLines(items: RawTextItem[]): PageLine[] {
  const lines: PageLine[] = [];
  let current: (PageLine & { endX: number }) | null = null;
  let breakBefore = false;
  for (const [str, x, y, width, size, eol] of items) {
    if (str === '') {
      breakBefore ||= eol;
      continue;
    }
    const sameLine = current && !breakBefore && Math.abs(y - current.y) <= Math.max(current.size, size, 1) * 0.5;
    if (current && sameLine) {
      const gap = x - current.endX;
      if ((gap > size * 0.15 || gap < -size) && !/\s$/.test(current.text) && !/^\s/.test(str)) current.text += ' ';
      current.text += str;
      current.endX = x + width;
      current.size = Math.max(current.size, size);
    } else {
      if (current) lines.push(current);
      current = { text: str, y, size, endX: x + width };
    }
    breakBefore = eol;
  }
  if (current) lines.push(current);
  const cleaned = lines.map((l) => ({ text: l.text.replace(/\s+/g, ' ').trim(), y: l.y, size: l.size })).filter((l) => l.text);
  return placeMarginLines(cleaned);
}

/**
 * Content streams often draw the running header or footer first or last regardless of where it
 * sits. A line far above (or below) everything else is moved to the start (or end), so later
 * steps find it at the edge of the page text.
 */
function placeMarginLines(lines: PageLine[]): PageLine[] {
  const out = [...lines];
  if (out.length >= 3) {
    moveOutlier(out, 'bottom');
    moveOutlier(out, 'top');
  }
  return out;
}

function moveOutlier(lines: PageLine[], edge: 'top' | 'bottom'): void {
  const sign = edge === 'top' ? 1 : -1;
  const [outer, next] = [...lines].sort((a, b) => sign * (b.y - a.y));
  if (sign * (outer.y - next.y) <= outer.size * 1.5) return;
  lines.splice(lines.indexOf(outer), 1);
  if (edge === 'top') lines.unshift(outer);
  else lines.push(outer);
}
