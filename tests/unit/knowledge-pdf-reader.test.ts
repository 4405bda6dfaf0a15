import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { extractPdf, PdfError } from '@/lib/knowledge/ingest/extract';
import { pdfReaderStats, readPdfInThread, stopPdfReaders } from '@/lib/knowledge/pdf/reader-pool';
import { renderPdf } from '../helpers/pdfs';

const manual = (name: string) => new Uint8Array(readFileSync(path.resolve(__dirname, '../../../shared/manuals', name)));
const HP = manual('hp-250-g3-notebook-maintenance-service-guide.pdf');
const MKS = manual('mks-servo42c-v1.1.2-user-manual.pdf');
const DEMO_FILE = path.resolve(__dirname, '../../assets/demo-manual/aerotech-ac-400-service-manual.pdf');
const DEMO = new Uint8Array(readFileSync(DEMO_FILE));

async function failure(promise: Promise<unknown>): Promise<PdfError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PdfError);
  return error as PdfError;
}

/** A page set in fonts a PDF names without embedding them (the PDF standard fonts). */
function standardFontsPdf(): Promise<Uint8Array> {
  return renderPdf({ size: 'A4' }, (doc) => {
    doc.font('Helvetica').fontSize(12).text('Helvetica: torque the flange bolts to 45 Nm (±5 %).');
    doc.font('Times-Roman').text('Times: the pressure must stay below 8 bar.');
    doc.font('Courier-Bold').text('Courier: E07 OIL TEMP HIGH');
    doc.font('Symbol').text('abgdW');
  });
}

/** Threads started since the last call. */
function startedSince(before: number): number {
  return pdfReaderStats().started - before;
}

beforeEach(async () => {
  await stopPdfReaders('stopped between tests');
});

afterAll(async () => {
  await stopPdfReaders('stopped after the tests');
});

describe('warm PDF reader threads', () => {
  it('reads one document after another in the same thread', async () => {
    const before = pdfReaderStats().started;
    const first = await extractPdf(MKS);
    await extractPdf(DEMO);
    const again = await extractPdf(MKS);
    expect(startedSince(before)).toBe(1);
    expect(again).toEqual(first);
    expect(pdfReaderStats()).toMatchObject({ threads: 1, busy: 0, queued: 0 });
  }, 60_000);

  it('reads text in non-embedded standard fonts, with the spaces between words', async () => {
    const { pages } = await extractPdf(await standardFontsPdf());
    for (const line of [
      'Helvetica: torque the flange bolts to 45 Nm (±5 %).',
      'Times: the pressure must stay below 8 bar.',
      'Courier: E07 OIL TEMP HIGH',
      'αβγδΩ',
    ]) {
      expect(pages[0].text).toContain(line);
    }
  });

  it('reads at most two documents at once and queues the rest', async () => {
    const before = pdfReaderStats().started;
    const reads = [extractPdf(MKS), extractPdf(DEMO), extractPdf(MKS)];
    expect(pdfReaderStats()).toMatchObject({ threads: 2, busy: 2, queued: 1 });
    const [a, , c] = await Promise.all(reads);
    expect(c).toEqual(a);
    expect(startedSince(before)).toBe(2);
  }, 60_000);

  it('keeps the thread after a read stopped early (page limit) and reads the next document in it', async () => {
    await extractPdf(DEMO);
    const before = pdfReaderStats().started;
    expect((await failure(extractPdf(HP, { maxPages: 10 }))).code).toBe('too_many_pages');
    expect((await extractPdf(MKS)).pageCount).toBe(33);
    expect(startedSince(before)).toBe(0);
  }, 60_000);

  it('replaces a thread that ran out of time; the next document is read in a new one', async () => {
    await extractPdf(DEMO);
    const before = pdfReaderStats().started;
    expect((await failure(extractPdf(HP, { timeoutMs: 50 }))).code).toBe('timeout');
    expect((await extractPdf(MKS)).pageCount).toBe(33);
    expect(startedSince(before)).toBe(1);
  }, 60_000);

  it('recovers from a thread that crashed (out of memory) with a clear error for that document only', async () => {
    const crashed = await failure(extractPdf(HP, { memoryMb: 8 }));
    expect(crashed).toMatchObject({ code: 'corrupt', details: { reason: 'out of memory' } });
    expect(crashed.message).toMatch(/more memory/);
    const before = pdfReaderStats().started;
    expect((await extractPdf(MKS)).pageCount).toBe(33);
    expect(startedSince(before)).toBe(1);
  }, 60_000);

  it('fails reads in progress or waiting when stopped (shutdown), and starts afresh afterwards', async () => {
    const reads = [extractPdf(HP), extractPdf(MKS), extractPdf(DEMO)].map((p) =>
      p.then(
        () => null,
        (e: Error) => e,
      ),
    );
    await stopPdfReaders('The PDF reader was stopped because the server is shutting down.');
    for (const error of await Promise.all(reads)) expect(error?.message).toMatch(/shutting down/);
    expect(pdfReaderStats()).toMatchObject({ threads: 0, busy: 0, queued: 0 });
    expect((await extractPdf(MKS)).pageCount).toBe(33);
  }, 60_000);

  it('passes an error thrown while handling a page to the caller, and the thread stays usable', async () => {
    await extractPdf(DEMO);
    const before = pdfReaderStats().started;
    const outcome = readPdfInThread(MKS, {
      timeoutMs: 30_000,
      memoryMb: 1024,
      onMessage: (m) => {
        if (m.type === 'page') throw new Error('caller gave up');
        return true;
      },
    });
    await expect(outcome).rejects.toThrow('caller gave up');
    expect((await extractPdf(DEMO)).pageCount).toBe(45);
    expect(startedSince(before)).toBe(0);
  }, 60_000);

  it('does not keep a process alive once it is idle', () => {
    const script = `import { extractPdf } from '@/lib/knowledge/ingest/extract';
      import { readFileSync } from 'node:fs';
      extractPdf(new Uint8Array(readFileSync(${JSON.stringify(DEMO_FILE)}))).then((r) => console.log('pages', r.pageCount));`;
    // Exits on its own, without stopPdfReaders: the idle thread is unreferenced.
    const out = execFileSync(path.resolve(__dirname, '../../node_modules/.bin/tsx'), ['--conditions=react-server', '--eval', script], {
      cwd: path.resolve(__dirname, '../..'),
      timeout: 30_000,
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('pages 45');
  }, 60_000);
});
