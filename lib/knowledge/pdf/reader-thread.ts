import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** One positioned run of text: [text, x, y, width, font size, ends a line]. */
export type RawTextItem = [str: string, x: number, y: number, width: number, size: number, eol: boolean];

export type WorkerMessage =
  | { type: 'meta'; pageCount: number; title: string | null }
  | { type: 'page'; pageNumber: number; items: RawTextItem[] }
  | { type: 'done' }
  | { type: 'fail'; name: string; message: string };

/** What the reader thread posts: a message about one document, or that it stopped reading it. */
export type ThreadMessage = { id: number } & (WorkerMessage | { type: 'cancelled' });

export interface PdfWorkerOptions {
  /** Called for every message; return false to stop reading this document early. */
  onMessage: (message: WorkerMessage) => boolean;
  timeoutMs: number;
  memoryMb: number;
}

export type WorkerOutcome = 'finished' | 'stopped' | 'timeout' | 'out_of_memory';

/*
 * The reader thread is an inline script (eval) rather than a file next to this module: under tsx
 * and Vitest this module is TypeScript source, and in a Next.js build it is bundled, so there is no
 * stable path to a separate worker file. pdf.js itself is loaded from node_modules by absolute URL.
 * Kept in plain JS on purpose; the layout of the text is rebuilt on the main thread, typed.
 *
 * The thread loads pdf.js once and then reads one document after another ({type: 'read', id,
 * data}); {type: 'cancel', id} stops a read between pages. Every message it posts carries the id.
 * Only text is needed: no font faces, and fonts a PDF names without embedding them are not parsed
 * from pdf.js's font data files (useSystemFonts; Symbol and ZapfDingbats still are). The text and
 * its positions come out the same (widths come from the PDF or built-in metrics); parsing those
 * font programs only cost time per document.
 */
export const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { pdfjsUrl, pdfjsWorkerUrl, cMapDir, fontDir } = workerData;
const cancelled = new Set();
// The legacy build's core-js replaces Array.prototype.push with a JavaScript version (for an edge
// case of array lengths beyond 2^53 that never occurs here); pdf.js pushes in its hottest loops,
// and the native one reads documents about a fifth faster. Only this thread runs pdf.js.
const nativePush = Array.prototype.push;
// With DecompressionStream present, pdf.js inflates every content stream through Node's web
// streams; its own synchronous inflate is faster for the many small streams of a manual.
delete globalThis.DecompressionStream;
const loading = (async () => {
  globalThis.pdfjsWorker = await import(pdfjsWorkerUrl);
  const pdfjs = await import(pdfjsUrl);
  Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, enumerable: false, configurable: true });
  return pdfjs;
})();
// Not the PDF's fault (pdf.js failed to load): surface it as a worker error.
loading.catch((error) => setImmediate(() => { throw error; }));
const yieldToMessages = () => new Promise((resolve) => setImmediate(resolve));

async function read(id, data) {
  const pdfjs = await loading;
  const post = (m) => parentPort.postMessage({ id, ...m });
  let doc;
  let end;
  try {
    doc = await pdfjs.getDocument({
      data,
      isEvalSupported: false,
      useSystemFonts: true,
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
      // Lets a cancel message in (pdf.js works in microtasks); a stopped read ends here.
      await yieldToMessages();
      if (cancelled.has(id)) break;
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
    end = { type: cancelled.has(id) ? 'cancelled' : 'done' };
  } catch (error) {
    end = { type: 'fail', name: (error && error.name) || 'Error', message: String((error && error.message) || error) };
  } finally {
    cancelled.delete(id);
    if (doc) await doc.destroy().catch(() => {});
  }
  // Posted once the document is released, so the thread is free when the main thread hears of it.
  post(end);
}

let queue = Promise.resolve();
parentPort.on('message', (m) => {
  if (m.type === 'cancel') cancelled.add(m.id);
  else if (m.type === 'read') queue = queue.then(() => read(m.id, m.data));
});
`;

/** Where pdf.js lives; resolved from the app root, not from this file: bundling moves this file, not node_modules. */
export function pdfjsLocations() {
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
