import { parentPort, workerData } from 'node:worker_threads';
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PdfjsLocations, PoolMessage, RawTextItem, ReaderMessage, ThreadMessage } from './messages';

/*
 * The code of a PDF reader thread (started by reader-pool.ts). It loads pdf.js once and then reads
 * one document after another ({type: 'read', id, data}); {type: 'cancel', id} stops a read between
 * pages. Every message it posts carries the id. Only the positioned text runs leave the thread; the
 * layout of the page is rebuilt on the main thread (page-lines.ts).
 *
 * Only text is needed: no font faces, and fonts a PDF names without embedding them are not parsed
 * from pdf.js's font data files (useSystemFonts; Symbol and ZapfDingbats still are). The text and
 * its positions come out the same (widths come from the PDF or built-in metrics); parsing those
 * font programs only cost time per document.
 *
 * This file imports nothing at run time but Node itself: pdf.js is loaded from node_modules by
 * absolute URL, so the same code runs bundled (next build) and from source (tsx, Vitest).
 */

const port = parentPort!;
const { pdfjsUrl, pdfjsWorkerUrl, cMapDir, fontDir } = workerData as PdfjsLocations;
const cancelled = new Set<number>();

// The legacy build's core-js replaces Array.prototype.push with a JavaScript version (for an edge
// case of array lengths beyond 2^53 that never occurs here); pdf.js pushes in its hottest loops,
// and the native one reads documents about a fifth faster. Only this thread runs pdf.js.
const nativePush = Array.prototype.push;
// With DecompressionStream present, pdf.js inflates every content stream through Node's web
// streams; its own synchronous inflate is faster for the many small streams of a manual.
delete (globalThis as { DecompressionStream?: unknown }).DecompressionStream;

const loading = (async (): Promise<typeof Pdfjs> => {
  // Loaded by URL at run time: not bundled, and the same file whether this runs bundled or from source.
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(
    /* webpackIgnore: true */ /* turbopackIgnore: true */ pdfjsWorkerUrl
  );
  const pdfjs = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ pdfjsUrl)) as typeof Pdfjs;
  Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, enumerable: false, configurable: true });
  return pdfjs;
})();
// Not the PDF's fault (pdf.js failed to load): surface it as a worker error.
loading.catch((error: unknown) =>
  setImmediate(() => {
    throw error;
  }),
);

const yieldToMessages = () => new Promise<void>((resolve) => setImmediate(resolve));

type Message = ReaderMessage | { type: 'cancelled' };

async function read(id: number, data: Uint8Array): Promise<void> {
  const pdfjs = await loading;
  const post = (m: Message) => port.postMessage({ id, ...m } as ThreadMessage);
  let doc: Pdfjs.PDFDocumentProxy | undefined;
  let end: Message;
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
    const info = meta?.info as { Title?: unknown } | undefined;
    post({ type: 'meta', pageCount: doc.numPages, title: typeof info?.Title === 'string' ? info.Title : null });
    for (let n = 1; n <= doc.numPages; n++) {
      // Lets a cancel message in (pdf.js works in microtasks); a stopped read ends here.
      await yieldToMessages();
      if (cancelled.has(id)) break;
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items: RawTextItem[] = [];
      for (const it of content.items) {
        if (!('str' in it) || typeof it.str !== 'string') continue;
        const t = it.transform as number[];
        items.push([it.str, t[4], t[5], it.width, Math.hypot(t[2], t[3]) || it.height || 0, !!it.hasEOL]);
      }
      page.cleanup();
      post({ type: 'page', pageNumber: n, items });
    }
    end = { type: cancelled.has(id) ? 'cancelled' : 'done' };
  } catch (error) {
    const e = error as { name?: string; message?: string } | undefined;
    end = { type: 'fail', name: e?.name || 'Error', message: String(e?.message || error) };
  } finally {
    cancelled.delete(id);
    if (doc) await doc.destroy().catch(() => {});
  }
  // Posted once the document is released, so the thread is free when the main thread hears of it.
  post(end);
}

let queue = Promise.resolve();
port.on('message', (m: PoolMessage) => {
  if (m.type === 'cancel') cancelled.add(m.id);
  else if (m.type === 'read') queue = queue.then(() => read(m.id, m.data));
});
