// What the PDF reader thread and the pool say to each other (reader-thread.ts, reader-pool.ts).

/** One positioned run of text: [text, x, y, width, font size, ends a line]. */
import 'server-only';
export type RawTextItem = [str: string, x: number, y: number, width: number, size: number, eol: boolean];

export type ReaderMessage =
  | { type: 'meta'; pageCount: number; title: string | null }
  | { type: 'page'; pageNumber: number; items: RawTextItem[] }
  | { type: 'done' }
  | { type: 'fail'; name: string; message: string };

/** What the reader thread posts: a message about one document, or that it stopped reading it. */
export type ThreadMessage = { id: number } & (ReaderMessage | { type: 'cancelled' });

/** What the pool posts to the thread: read a document, or stop reading it between pages. */
export type PoolMessage = { type: 'read'; id: number; data: Uint8Array } | { type: 'cancel'; id: number };

/** Where the thread loads pdf.js and its data from (the thread's workerData). */
export interface PdfjsLocations {
  pdfjsUrl: string;
  pdfjsWorkerUrl: string;
  cMapDir: string;
  fontDir: string;
}
