import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkPages, detectLanguage, type Chunk } from '@/lib/knowledge/ingest/chunk';
import { cleanPages, normalizeText } from '@/lib/knowledge/ingest/clean';
import { extractPdf, type ExtractedPage } from '@/lib/knowledge/ingest/extract';

const manual = (name: string) => new Uint8Array(readFileSync(path.resolve(__dirname, '../../../shared/manuals', name)));
const pagesOf = (...texts: string[]): ExtractedPage[] => texts.map((text, i) => ({ pageNumber: i + 1, text }));

describe('cleanPages', () => {
  it('joins words hyphenated across lines', () => {
    const [page] = cleanPages(
      pagesOf(
        'Check the connec-\ntion of the fan cable.\nRun the self-\ntest. A self-test takes a minute.\nSee Customer Self-\nRepair parts.',
      ),
    );
    expect(page.text).toBe(
      'Check the connection\nof the fan cable.\nRun the self-test.\nA self-test takes a minute.\nSee Customer Self-Repair\nparts.',
    );
  });

  it('collapses whitespace and normalises full-width punctuation', () => {
    const [page] = cleanPages(
      pagesOf('Magnet Loss！  The\u00A0magnet  is not installed.\n\n\n\nMode ：CR_vFOC（default）\n１２V～２４V\u00AD'),
    );
    expect(page.text).toBe('Magnet Loss! The magnet is not installed.\n\nMode : CR_vFOC (default)\n12V~24V');
  });

  it('turns ligatures into letters and table-of-contents leaders into an ellipsis', () => {
    expect(normalizeText('Conﬁguration ﬂow')).toBe('Configuration flow');
    expect(normalizeText('Battery ............ 35')).toBe('Battery ... 35');
  });

  it('removes running headers and footers, digits being wildcards', () => {
    const bodies = ['Drain the tank.', 'Check the belt tension.', 'Replace the filter.', 'Inspect the valves.', 'Log the hours.'];
    const pages = cleanPages(pagesOf(...bodies.map((body, i) => `ACME X200 Service Manual\n${body}\nPage ${i + 1} of 5`)));
    expect(pages.map((p) => p.text)).toEqual(bodies);
  });

  it('removes footers that change with the chapter when they carry the printed page number', () => {
    const footers = [
      'Safety 11',
      '12 Chapter 1 Safety',
      'Installation 13',
      '14 Chapter 2 Installation',
      'Maintenance 15',
      '16 Chapter 3 Maintenance',
    ];
    const bodies = [
      '1 Safety\nWear gloves.',
      'Keep clear.',
      '2 Installation\nLevel the unit.',
      'Connect the hoses.',
      '3 Maintenance\nDrain the tank.',
      'Replace the filter.',
    ];
    const pages = cleanPages(pagesOf(...footers.map((footer, i) => `${bodies[i]}\n${footer}`)));
    expect(pages.map((p) => p.text)).toEqual(bodies);
  });

  it('removes running headers that end in the chapter title', () => {
    const chapters = ['1 Safety', '1 Safety', '2 Installation', '2 Installation', '3 Maintenance'];
    const bodies = ['Wear gloves.', 'Keep clear.', 'Level the unit.', 'Connect the hoses.', 'Drain the tank.'];
    const pages = cleanPages(
      pagesOf(...chapters.map((chapter, i) => `ACME X200 Rotary Compressor Service Manual ${chapter}\n${bodies[i]}`)),
    );
    expect(pages.map((p) => p.text)).toEqual(bodies);
  });

  it('keeps lines that merely repeat inside the body', () => {
    const pages = cleanPages(
      pagesOf(
        ...[1, 2, 3, 4].map(
          (n) => `Step ${n}\nDisconnect the power.\nCheck the fuse.\nTighten screws.\nReplace the cover.\nClose it.\nDone ${n}`,
        ),
      ),
    );
    expect(pages.every((p) => p.text.includes('Tighten screws.'))).toBe(true);
  });
});

describe('chunkPages', () => {
  it('finds headings in plain text: numbered, in capitals, or short title lines', () => {
    const chunks = chunkPages(
      pagesOf(
        '4.2 Battery\n\nRemove the battery before service.\n\nSAFETY NOTES\n\nWear gloves.',
        'Cooling fan\n\nClean the fan.\n\nNote: use a soft brush.',
      ),
    );
    expect(chunks.map((c) => [c.heading, c.pageStart])).toEqual([
      ['4.2 Battery', 1],
      ['SAFETY NOTES', 1],
      ['Cooling fan', 2],
    ]);
    expect(chunks[0].content).toBe('4.2 Battery\n\nRemove the battery before service.');
  });

  it('follows Markdown headings, joins a title set on two lines and ignores # inside code', () => {
    const chunks = chunkPages(
      pagesOf('# 5 Removal and replacement\n# of parts\n\nIntro text.\n\n## Fan\n```\n# fan --test\n\n# fan --stop\n```\nClean the fan.'),
    );
    expect(chunks.map((c) => c.heading)).toEqual(['5 Removal and replacement of parts', 'Fan']);
    expect(chunks[1].content).toBe('## Fan\n\n```\n# fan --test\n\n# fan --stop\n```\nClean the fan.');
  });

  it('splits long sections near the target size between sentences, with a small overlap', () => {
    const sentences = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} explains one more step of the procedure.`);
    const chunks = chunkPages(pagesOf(`# Procedure\n\n${sentences.join(' ')}`), { targetChars: 800, maxChars: 1000, overlapChars: 120 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.content.length).toBeLessThanOrEqual(1000);
      expect(chunk.content).toMatch(/\.$/);
      expect(chunk.heading).toBe('Procedure');
    }
    const firstOfSecond = chunks[1].content.split(/(?<=\.) /)[0];
    expect(chunks[0].content).toContain(firstOfSecond);
  });

  it('splits at page boundaries, but runs a small remainder on with its section', () => {
    const long = 'The compressor must be isolated before any work begins on it. '.repeat(8);
    const chunks = chunkPages(pagesOf(`# Oil change\n\n${long}`, 'Refill with oil.', `# Belts\n\n${long}`, long));
    expect(chunks.map((c) => [c.heading, c.pageStart, c.pageEnd])).toEqual([
      ['Oil change', 1, 2],
      ['Belts', 3, 3],
      ['Belts', 4, 4],
    ]);
  });
});

describe('detectLanguage', () => {
  const samples: [string, string][] = [
    ['english', 'Remove the battery from the computer and disconnect the power cord before you open the cover.'],
    ['german', 'Entfernen Sie den Akku aus dem Gerät und ziehen Sie den Netzstecker, bevor die Abdeckung geöffnet wird.'],
    ['french', 'Retirez la batterie de l’appareil et débranchez le cordon avant d’ouvrir le capot pour le nettoyage.'],
    ['spanish', 'Retire la batería del equipo y desconecte el cable de alimentación antes de abrir la cubierta.'],
    ['italian', 'Rimuovere la batteria dal computer e scollegare il cavo di alimentazione prima di aprire il coperchio della macchina.'],
    ['dutch', 'Verwijder de accu uit het apparaat en trek de stekker uit het stopcontact voordat je de kap opent.'],
    ['portuguese', 'Remova a bateria do computador e desligue o cabo de alimentação antes de abrir a tampa do aparelho.'],
    ['simple', '740715-001 746641-001 PM2.5×5.0 CR_vFOC e0 30 CRC'],
  ];
  for (const [language, text] of samples) it(`detects ${language}`, () => expect(detectLanguage(text)).toBe(language));
});

describe('the pipeline on real manuals', () => {
  let hp: { pages: ExtractedPage[]; chunks: Chunk[] };
  let mks: { pages: ExtractedPage[]; chunks: Chunk[] };

  beforeAll(async () => {
    const run = async (name: string) => {
      const pages = cleanPages((await extractPdf(manual(name), { maxPages: 2000 })).pages);
      return { pages, chunks: chunkPages(pages) };
    };
    [hp, mks] = await Promise.all([run('hp-250-g3-notebook-maintenance-service-guide.pdf'), run('mks-servo42c-v1.1.2-user-manual.pdf')]);
  }, 60_000);

  it('removes the HP running footers and keeps the text above them', () => {
    expect(hp.pages[42].text).not.toMatch(/Component replacement procedures 35$/);
    expect(hp.pages[42].text).toMatch(/release the battery\.$/);
    expect(hp.pages[43].text).toBe('3. Remove the battery from the computer (3).');
    expect(hp.pages.filter((p) => /^\d+ Chapter \d+ /m.test(p.text))).toEqual([]);
  });

  it('removes the MKS running header and page numbers and converts its punctuation', () => {
    expect(mks.pages.filter((p) => p.text.includes('User Manual\n') || /\n\d+$/.test(p.text))).toEqual([]);
    expect(mks.pages[32].text).toContain('5 Magnet Loss! The magnet is not installed.');
    expect(mks.pages.some((p) => /[！：（）]/.test(p.text))).toBe(false);
  });

  it('chunks the HP Battery page as the Battery section, starting on page 43', () => {
    const battery = hp.chunks.filter((c) => c.heading === 'Battery' && c.content.includes('battery lock latch'));
    expect(battery).toHaveLength(1);
    expect(battery[0]).toMatchObject({ pageStart: 43 });
    expect(battery[0].content).toContain('740715-001');
  });

  it('cites the indicator lights on pages 15-17', () => {
    const lights = hp.chunks.filter((c) => /Caps lock light|Hard drive light|AC adapter light/.test(c.content));
    expect(lights.length).toBeGreaterThan(0);
    for (const chunk of lights) expect([chunk.pageStart, chunk.pageEnd].every((p) => p >= 15 && p <= 17)).toBe(true);
  });

  it('cites the MKS error table on page 33 under its heading', () => {
    const table = mks.chunks.find((c) => c.content.includes('Magnet Loss!'));
    expect(table).toMatchObject({ pageStart: 33, pageEnd: 33, heading: '7.2 FAQ' });
  });

  it('keeps chunks within bounds and mostly on one page', () => {
    for (const { chunks } of [hp, mks]) {
      for (const c of chunks) {
        expect(c.pageStart).toBeLessThanOrEqual(c.pageEnd);
        expect(c.content.length).toBeLessThanOrEqual(1400);
      }
      expect(chunks.filter((c) => c.pageStart === c.pageEnd).length / chunks.length).toBeGreaterThan(0.85);
    }
    expect(detectLanguage(hp.pages.map((p) => p.text).join('\n'))).toBe('english');
  });
});
