// Renders the demo manual (content.ts) into a PDF with pdfkit.
//
//   npx tsx scripts/demo-manual/generate.ts [out.pdf]
//
// Without an argument it writes assets/demo-manual/aerotech-ac-400-service-manual.pdf.
// The output is deterministic: the same content always gives the same bytes.
import fs from 'node:fs/promises';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import {
  manual as demoManual,
  type Block,
  type Chapter,
  type FigureId,
  type Manual,
  type Section,
  type SignalWord,
  type TableColumn,
} from './content';

const DEFAULT_OUTPUT = path.join('assets', 'demo-manual', 'aerotech-ac-400-service-manual.pdf');

/** Fixed document date: with it the PDF bytes (including the file ID) are the same on every run. */
const DOCUMENT_DATE = new Date('2024-03-01T08:00:00.000Z');

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = { top: 78, bottom: 66, left: 62, right: 62 };
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;

const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', mono: 'Courier' } as const;

const COLOR = {
  brand: '#12355B',
  accent: '#1F78B4',
  text: '#1E2328',
  muted: '#5F6B76',
  rule: '#C3CCD5',
  grid: '#AEB9C4',
  zebra: '#F2F5F8',
  air: '#1F78B4',
  oil: '#D98300',
};

const SIGNAL: Record<SignalWord, { bar: string; ink: string; tint: string; symbol: boolean }> = {
  DANGER: { bar: '#C8102E', ink: '#FFFFFF', tint: '#FDEDEF', symbol: true },
  WARNING: { bar: '#F28C00', ink: '#000000', tint: '#FFF5E6', symbol: true },
  CAUTION: { bar: '#FFD100', ink: '#000000', tint: '#FFFBE5', symbol: true },
  NOTICE: { bar: '#005EB8', ink: '#FFFFFF', tint: '#EAF2FB', symbol: false },
};

const BODY = { size: 10, lineGap: 2.2 };
const CELL = { size: 8.5, lineGap: 1.3, padX: 5, padY: 4 };

type Doc = PDFKit.PDFDocument;

// ---------------------------------------------------------------------------------------------
// Text checks and helpers
// ---------------------------------------------------------------------------------------------

/** Characters outside Latin-1 that the standard fonts' WinAnsi encoding still has. */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e,
  0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

function isWinAnsi(code: number): boolean {
  if (code === 0x0a) return true;
  if (code >= 0x20 && code <= 0x7e) return true;
  if (code >= 0xa0 && code <= 0xff && code !== 0xad) return true;
  return WIN_ANSI_EXTRA.has(code);
}

/** Throws if any text in the manual cannot be shown with the PDF standard fonts. */
function assertEncodable(value: unknown, where: string): void {
  if (typeof value === 'string') {
    for (const ch of value) {
      const code = ch.codePointAt(0)!;
      if (!isWinAnsi(code)) {
        throw new Error(
          `${where}: character U+${code.toString(16).toUpperCase().padStart(4, '0')} ("${ch}") is not in the WinAnsi encoding of the standard fonts: "${value.slice(0, 60)}"`,
        );
      }
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertEncodable(v, `${where}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertEncodable(v, `${where}.${k}`);
  }
}

interface Run {
  text: string;
  bold: boolean;
}

/** Splits "**bold**" markup into runs. */
function runs(text: string): Run[] {
  return text
    .split('**')
    .map((t, i) => ({ text: t, bold: i % 2 === 1 }))
    .filter((r) => r.text.length > 0);
}

const plain = (text: string) => text.replace(/\*\*/g, '');

// ---------------------------------------------------------------------------------------------
// Renderer
// ---------------------------------------------------------------------------------------------

interface TocEntry {
  level: 0 | 1;
  number: string;
  title: string;
  dest: string;
  page: number;
}

interface RichOptions {
  size?: number;
  color?: string;
  lineGap?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  font?: string;
  boldFont?: string;
}

class Renderer {
  readonly doc: Doc;
  private readonly numbers = new Map<string, string>();
  private readonly pageLabels: string[] = [];
  private currentLabel = '';
  private chapter: Chapter | null = null;
  private tableNo = 0;
  private figureNo = 0;
  private readonly toc: TocEntry[] = [];
  private tocPages: number[] = [];

  constructor(private readonly manual: Manual) {
    assertEncodable(manual, 'manual');
    this.numberSections();
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      autoFirstPage: false,
      bufferPages: true,
      compress: true,
      displayTitle: true,
      lang: 'en-GB',
      info: {
        Title: manual.title,
        Author: manual.publisher,
        Subject: `${manual.kind}, ${manual.documentNumber} ${manual.revision}`,
        Keywords: `${manual.model}, rotary screw compressor, service manual, fault codes, maintenance, spare parts`,
        Creator: 'Fixline demo manual generator',
        CreationDate: DOCUMENT_DATE,
        ModDate: DOCUMENT_DATE,
      },
    });
    this.doc.on('pageAdded', () => this.pageLabels.push(this.currentLabel));
  }

  // ----- numbering and references -----

  private numberSections(): void {
    for (const ch of this.manual.chapters) {
      this.setNumber(ch.id, ch.number);
      ch.sections.forEach((s, i) => this.setNumber(s.id, `${ch.number}.${i + 1}`));
    }
  }

  private setNumber(id: string, number: string): void {
    if (this.numbers.has(id)) throw new Error(`Duplicate id in the manual: ${id}`);
    this.numbers.set(id, number);
  }

  /** Replaces {{id}} with the number of that chapter or section. */
  private resolve(text: string): string {
    return text.replace(/\{\{([a-z0-9-]+)\}\}/g, (_, id: string) => {
      const n = this.numbers.get(id);
      if (!n) throw new Error(`Unknown reference {{${id}}} in the manual text`);
      return n;
    });
  }

  // ----- page handling -----

  private pageIndex(): number {
    return this.doc.bufferedPageRange().count - 1;
  }

  private newPage(): void {
    this.doc.addPage();
    this.doc.x = MARGIN.left;
    this.doc.y = MARGIN.top;
  }

  private atTop(): boolean {
    return this.doc.y <= MARGIN.top + 0.5;
  }

  private ensureSpace(height: number): void {
    if (this.doc.y + height > BOTTOM && !this.atTop()) this.newPage();
  }

  private gap(points: number): void {
    if (!this.atTop()) this.doc.y += points;
  }

  // ----- text primitives -----

  /** Writes text with **bold** runs at (x, y), wrapped to width. Leaves doc.y below the text. */
  private rich(text: string, x: number, y: number, width: number, o: RichOptions = {}): void {
    const doc = this.doc;
    const parts = runs(this.resolve(text));
    const size = o.size ?? BODY.size;
    doc.fontSize(size).fillColor(o.color ?? COLOR.text);
    parts.forEach((r, i) => {
      doc.font(r.bold ? (o.boldFont ?? FONT.bold) : (o.font ?? FONT.regular));
      const options: PDFKit.Mixins.TextOptions = {
        width,
        lineGap: o.lineGap ?? BODY.lineGap,
        align: o.align ?? 'left',
        continued: i < parts.length - 1,
      };
      if (i === 0) doc.text(r.text, x, y, options);
      else doc.text(r.text, options);
    });
    doc.x = MARGIN.left;
  }

  /** Height of rich text; measured in bold when it has bold runs, so it never comes out too small. */
  private richHeight(text: string, width: number, o: RichOptions = {}): number {
    const t = this.resolve(text);
    this.doc.font(t.includes('**') ? (o.boldFont ?? FONT.bold) : (o.font ?? FONT.regular)).fontSize(o.size ?? BODY.size);
    return this.doc.heightOfString(plain(t), { width, lineGap: o.lineGap ?? BODY.lineGap });
  }

  // ----- document structure -----

  render(): void {
    this.renderCover();
    const tocCount = this.paginateToc().length;
    this.currentLabel = 'Contents';
    for (let i = 0; i < tocCount; i++) {
      this.newPage();
      this.tocPages.push(this.pageIndex());
    }
    for (const ch of this.manual.chapters) this.renderChapter(ch);
    this.renderToc();
    this.renderPageFurniture();
  }

  private renderChapter(ch: Chapter): void {
    const doc = this.doc;
    this.chapter = ch;
    this.tableNo = 0;
    this.figureNo = 0;
    const label = ch.kind === 'appendix' ? `Appendix ${ch.number}` : `Chapter ${ch.number}`;
    this.currentLabel = ch.kind === 'appendix' ? `Appendix ${ch.number}  ${ch.title}` : `${ch.number}  ${ch.title}`;
    this.newPage();

    const dest = `ch-${ch.id}`;
    doc.addNamedDestination(dest);
    this.toc.push({
      level: 0,
      number: ch.number,
      title: ch.kind === 'appendix' ? `Appendix ${ch.number}: ${ch.title}` : ch.title,
      dest,
      page: this.pageIndex(),
    });
    const outline = doc.outline.addItem(ch.kind === 'appendix' ? `Appendix ${ch.number} ${ch.title}` : `${ch.number} ${ch.title}`);

    doc.font(FONT.bold).fontSize(9.5).fillColor(COLOR.accent).text(label.toUpperCase(), MARGIN.left, MARGIN.top, { lineBreak: false });
    doc
      .font(FONT.bold)
      .fontSize(21)
      .fillColor(COLOR.brand)
      .text(ch.title, MARGIN.left, MARGIN.top + 16, { width: WIDTH });
    const ruleY = doc.y + 6;
    doc
      .save()
      .rect(MARGIN.left, ruleY, WIDTH, 0.8)
      .fill(COLOR.rule)
      .rect(MARGIN.left, ruleY - 1, 64, 2.8)
      .fill(COLOR.accent)
      .restore();
    doc.x = MARGIN.left;
    doc.y = ruleY + 20;

    if (ch.intro) this.renderBlocks(ch.intro);
    const singleSection = ch.kind === 'appendix' && ch.sections.length === 1;
    ch.sections.forEach((s, i) => this.renderSection(s, `${ch.number}.${i + 1}`, outline, !singleSection));
  }

  private renderSection(s: Section, number: string, outline: PDFKit.PDFOutline, heading: boolean): void {
    const doc = this.doc;
    if (heading) {
      const titleWidth = WIDTH - 40;
      doc.font(FONT.bold).fontSize(13);
      const h = doc.heightOfString(s.title, { width: titleWidth });
      if (s.newPage && !this.atTop()) this.newPage();
      this.gap(16);
      this.ensureSpace(h + 10 + this.keepHeight(s.blocks, 0));
      const y = doc.y;
      const dest = `sec-${s.id}`;
      doc.addNamedDestination(dest, 'XYZ', 0, PAGE.height - y + 8, 0);
      this.toc.push({ level: 1, number, title: s.title, dest, page: this.pageIndex() });
      outline.addItem(`${number} ${s.title}`);
      doc.font(FONT.bold).fontSize(13).fillColor(COLOR.accent).text(number, MARGIN.left, y, { lineBreak: false });
      doc.fillColor(COLOR.brand).text(s.title, MARGIN.left + 40, y, { width: titleWidth });
      doc.x = MARGIN.left;
      doc.y += 7;
    }
    this.renderBlocks(s.blocks);
  }

  private renderBlocks(blocks: Block[]): void {
    blocks.forEach((b, i) => this.renderBlock(b, blocks, i));
  }

  /**
   * Space to keep together with a heading placed before blocks[i]: the start of that block, and
   * when it is a short paragraph, also the start of the block after it.
   */
  private keepHeight(blocks: Block[], i: number): number {
    const b = blocks[i];
    if (b?.type === 'paragraph') {
      const full = this.richHeight(b.text, WIDTH);
      const lines = 3 * (BODY.size * 1.16 + BODY.lineGap);
      if (full <= lines + 0.5) return full + 7 + Math.min(this.minHeight(blocks[i + 1]), 140);
      return lines;
    }
    return this.minHeight(b);
  }

  /** Space a block needs at least on the current page (to keep it with its heading), including its top gap. */
  private minHeight(b: Block | undefined): number {
    if (!b) return 0;
    switch (b.type) {
      case 'paragraph':
        return Math.min(this.richHeight(b.text, WIDTH), 3 * (BODY.size * 1.16 + BODY.lineGap));
      case 'subheading':
        return 40;
      case 'bullets':
      case 'steps':
        return this.richHeight(b.items[0], WIDTH - 24) + 4;
      case 'table': {
        const widths = this.columnWidths(b.columns);
        const rows = b.rows.slice(0, 2).reduce((sum, row) => sum + this.rowHeight(row, widths, false, b.columns), 0);
        return (
          3 +
          14 +
          this.rowHeight(
            b.columns.map((c) => c.header),
            widths,
            true,
          ) +
          rows
        );
      }
      case 'callout':
        return 4 + this.calloutHeight(b) + 4;
      case 'figure':
        return 4 + FIGURE_HEIGHT[b.figure] + 22;
    }
  }

  private renderBlock(b: Block, blocks: Block[], index: number): void {
    const doc = this.doc;
    switch (b.type) {
      case 'paragraph': {
        const h = this.richHeight(b.text, WIDTH);
        const lines = 3 * (BODY.size * 1.16 + BODY.lineGap);
        // Flow long paragraphs across pages, but never leave a short stub at the page end.
        if (doc.y + Math.min(h, lines) > BOTTOM) this.newPage();
        this.rich(b.text, MARGIN.left, doc.y, WIDTH);
        doc.y += 7;
        break;
      }
      case 'subheading': {
        this.gap(5);
        this.ensureSpace(22 + this.keepHeight(blocks, index + 1));
        doc.font(FONT.bold).fontSize(10.5).fillColor(COLOR.brand).text(b.text, MARGIN.left, doc.y, { width: WIDTH });
        doc.y += 4;
        break;
      }
      case 'bullets':
        this.renderList(b.items, false);
        break;
      case 'steps':
        this.renderList(b.items, true);
        break;
      case 'table':
        this.renderTable(b.caption, b.columns, b.rows);
        break;
      case 'callout':
        this.renderCallout(b);
        break;
      case 'figure':
        this.renderFigure(b.figure, b.caption);
        break;
    }
    doc.x = MARGIN.left;
  }

  // ----- lists -----

  private renderList(items: string[], numbered: boolean): void {
    const doc = this.doc;
    const indent = numbered ? 24 : 16;
    const width = WIDTH - indent;
    items.forEach((item, i) => {
      const h = this.richHeight(item, width);
      this.ensureSpace(h + 4);
      const y = doc.y;
      if (numbered) {
        doc
          .save()
          .circle(MARGIN.left + 7.5, y + 4.6, 7)
          .fill(COLOR.brand)
          .restore();
        doc
          .font(FONT.bold)
          .fontSize(8)
          .fillColor('#FFFFFF')
          .text(String(i + 1), MARGIN.left - 0.5, y + 1.75, { width: 16, align: 'center', lineBreak: false });
      } else {
        doc
          .save()
          .circle(MARGIN.left + 4.5, y + 4.7, 2.1)
          .fill(COLOR.accent)
          .restore();
      }
      this.rich(item, MARGIN.left + indent, y, width);
      doc.y = Math.max(doc.y, y + 14) + (numbered ? 4.5 : 3);
    });
    doc.y += 4;
  }

  // ----- tables -----

  private columnWidths(columns: TableColumn[]): number[] {
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => Math.floor((c.width / total) * WIDTH * 100) / 100);
    widths[widths.length - 1] += WIDTH - widths.reduce((s, w) => s + w, 0);
    return widths;
  }

  private rowHeight(cells: string[], widths: number[], header: boolean, columns?: TableColumn[]): number {
    const doc = this.doc;
    let h = 0;
    cells.forEach((cell, i) => {
      const text = this.resolve(cell);
      doc.font(header || columns?.[i]?.bold ? FONT.bold : FONT.regular).fontSize(CELL.size);
      const ch = text ? doc.heightOfString(text, { width: widths[i] - 2 * CELL.padX, lineGap: CELL.lineGap }) : 0;
      h = Math.max(h, ch);
    });
    if (h === 0) return 24; // an empty row of a form, to be filled in by hand
    return Math.max(h - CELL.lineGap + 2 * CELL.padY + 1, header ? 18 : 19);
  }

  private renderTable(caption: string, columns: TableColumn[], rows: string[][]): void {
    const doc = this.doc;
    const widths = this.columnWidths(columns);
    const headerCells = columns.map((c) => c.header);
    const headerH = this.rowHeight(headerCells, widths, true);
    const number = `Table ${this.chapter!.number}-${++this.tableNo}`;

    const drawCaption = (continued: boolean) => {
      const y = doc.y;
      doc.font(FONT.bold).fontSize(8.5).fillColor(COLOR.brand).text(`${number}  `, MARGIN.left, y, { continued: true, lineBreak: false });
      doc
        .font(FONT.regular)
        .fillColor(COLOR.muted)
        .text(continued ? `${this.resolve(caption)} (continued)` : this.resolve(caption), { lineBreak: false });
      doc.x = MARGIN.left;
      doc.y = y + 13.5;
    };
    const drawRow = (cells: string[], h: number, kind: 'header' | 'even' | 'odd') => {
      const y = doc.y;
      let x = MARGIN.left;
      if (kind !== 'even')
        doc
          .save()
          .rect(MARGIN.left, y, WIDTH, h)
          .fill(kind === 'header' ? COLOR.brand : COLOR.zebra)
          .restore();
      cells.forEach((cell, i) => {
        const col = columns[i];
        const text = this.resolve(cell);
        if (text) {
          doc
            .font(kind === 'header' || col.bold ? FONT.bold : FONT.regular)
            .fontSize(CELL.size)
            .fillColor(kind === 'header' ? '#FFFFFF' : COLOR.text)
            .text(text, x + CELL.padX, y + CELL.padY + 1, {
              width: widths[i] - 2 * CELL.padX,
              lineGap: CELL.lineGap,
              align: col.align ?? 'left',
            });
        }
        x += widths[i];
      });
      // Cell borders.
      doc.save().lineWidth(0.5).strokeColor(COLOR.grid);
      x = MARGIN.left;
      for (const w of widths) {
        doc.rect(x, y, w, h).stroke();
        x += w;
      }
      doc.restore();
      doc.x = MARGIN.left;
      doc.y = y + h;
    };

    const heights = rows.map((row) => this.rowHeight(row, widths, false, columns));
    // Start on a new page unless the header and the first two rows fit.
    this.gap(3);
    this.ensureSpace(14 + headerH + (heights[0] ?? 0) + (heights[1] ?? 0));
    drawCaption(false);
    drawRow(headerCells, headerH, 'header');
    rows.forEach((row, i) => {
      const h = heights[i];
      // Never carry the last row alone over to the next page.
      const need = i === rows.length - 2 && rows.length >= 4 ? h + heights[i + 1] : h;
      if (doc.y + need > BOTTOM) {
        this.newPage();
        drawCaption(true);
        drawRow(headerCells, headerH, 'header');
      }
      drawRow(row, h, i % 2 === 1 ? 'odd' : 'even');
    });
    doc.y += 12;
  }

  // ----- safety callouts -----

  private calloutGeometry() {
    return { bar: 21, pad: 9, textWidth: WIDTH - 2 * 9 - 4 };
  }

  private calloutHeight(b: Extract<Block, { type: 'callout' }>): number {
    const { bar, pad, textWidth } = this.calloutGeometry();
    this.doc.font(FONT.bold).fontSize(10);
    let h = this.doc.heightOfString(b.title, { width: textWidth, lineGap: 1.5 }) + 3;
    h += this.richHeight(b.text, textWidth, { size: 9.5, lineGap: 1.8 });
    for (const item of b.items ?? []) h += this.richHeight(item, textWidth - 14, { size: 9.5, lineGap: 1.8 }) + 3;
    if (b.items?.length) h += 3;
    return bar + pad + h + pad - 1.8;
  }

  private renderCallout(b: Extract<Block, { type: 'callout' }>): void {
    const doc = this.doc;
    const style = SIGNAL[b.level];
    const { bar, pad, textWidth } = this.calloutGeometry();
    const height = this.calloutHeight(b);
    this.gap(4);
    this.ensureSpace(height + 4);
    const x = MARGIN.left;
    const y = doc.y;

    doc.save();
    doc.rect(x, y, WIDTH, height).fill(style.tint);
    doc.rect(x, y, WIDTH, bar).fill(style.bar);
    doc.lineWidth(1.2).strokeColor(style.bar).rect(x, y, WIDTH, height).stroke();
    doc.restore();

    let labelX = x + pad;
    if (style.symbol) {
      // Safety alert symbol: triangle with exclamation mark.
      const cx = x + pad + 8;
      const top = y + 3.5;
      doc
        .save()
        .polygon([cx, top], [cx + 8.5, top + 14.5], [cx - 8.5, top + 14.5])
        .lineJoin('round')
        .fill(style.ink)
        .restore();
      doc
        .font(FONT.bold)
        .fontSize(10)
        .fillColor(style.bar)
        .text('!', cx - 5, top + 4.2, { width: 10, align: 'center', lineBreak: false });
      labelX = cx + 15;
    }
    doc
      .font(FONT.bold)
      .fontSize(10.5)
      .fillColor(style.ink)
      .text(b.level, labelX, y + 5.6, { lineBreak: false });

    let ty = y + bar + pad;
    doc
      .font(FONT.bold)
      .fontSize(10)
      .fillColor(COLOR.text)
      .text(b.title, x + pad + 2, ty, { width: textWidth, lineGap: 1.5 });
    ty = doc.y + 3;
    this.rich(b.text, x + pad + 2, ty, textWidth, { size: 9.5, lineGap: 1.8 });
    if (b.items?.length) {
      ty = doc.y + 3;
      for (const item of b.items) {
        doc
          .save()
          .circle(x + pad + 6, ty + 4.5, 1.9)
          .fill(style.bar === '#FFD100' ? '#8A6D00' : style.bar)
          .restore();
        this.rich(item, x + pad + 16, ty, textWidth - 14, { size: 9.5, lineGap: 1.8 });
        ty = doc.y + 3;
      }
    }
    doc.x = MARGIN.left;
    doc.y = y + height + 12;
  }

  // ----- figures -----

  private renderFigure(id: FigureId, caption: string): void {
    const doc = this.doc;
    const h = FIGURE_HEIGHT[id];
    this.gap(4);
    this.ensureSpace(h + 22);
    const y = doc.y;
    doc.save().lineWidth(0.6).strokeColor(COLOR.rule).rect(MARGIN.left, y, WIDTH, h).stroke().restore();
    FIGURES[id](doc, MARGIN.left, y, WIDTH, h);
    const number = `Figure ${this.chapter!.number}-${++this.figureNo}`;
    doc.font(FONT.bold).fontSize(8.5).fillColor(COLOR.brand);
    const label = `${number}  `;
    const total = doc.widthOfString(label) + doc.font(FONT.regular).widthOfString(caption);
    doc.font(FONT.bold).text(label, MARGIN.left + (WIDTH - total) / 2, y + h + 6, { continued: true, lineBreak: false });
    doc.font(FONT.regular).fillColor(COLOR.muted).text(caption, { lineBreak: false });
    doc.x = MARGIN.left;
    doc.y = y + h + 26;
  }

  // ----- cover -----

  private renderCover(): void {
    const doc = this.doc;
    const m = this.manual;
    this.currentLabel = '';
    this.newPage();
    doc.addNamedDestination('cover');
    doc.outline.addItem('Cover');

    const band = 318;
    doc.save().rect(0, 0, PAGE.width, band).fill(COLOR.brand).rect(0, band, PAGE.width, 5).fill(COLOR.accent).restore();

    // Running header on the cover: title on the band.
    doc
      .font(FONT.regular)
      .fontSize(8)
      .fillColor('#C9D6E3')
      .text(m.title, MARGIN.left, 32, { width: WIDTH - 120, lineBreak: false });
    doc.text(m.documentNumber, MARGIN.left, 32, { width: WIDTH, align: 'right', lineBreak: false });
    doc.save().rect(MARGIN.left, 47, WIDTH, 0.5).fill('#3C5E82').restore();

    doc.font(FONT.bold).fontSize(32).fillColor('#FFFFFF').text(m.brand, MARGIN.left, 92, { lineBreak: false });
    doc.save().rect(MARGIN.left, 134, 70, 3).fill(COLOR.accent).restore();
    doc.font(FONT.bold).fontSize(54).fillColor('#FFFFFF').text(m.model, MARGIN.left, 156, { lineBreak: false });
    doc.font(FONT.regular).fontSize(21).fillColor('#FFFFFF').text(m.machine, MARGIN.left, 220, { lineBreak: false });
    doc.font(FONT.bold).fontSize(15).fillColor('#8CC3EA').text(m.kind.toUpperCase(), MARGIN.left, 254, { lineBreak: false });

    drawCompressor(doc, PAGE.width / 2, 362);

    // Document data.
    let y = 590;
    const labelW = 150;
    doc
      .save()
      .rect(MARGIN.left, y - 8, WIDTH, 0.8)
      .fill(COLOR.brand)
      .restore();
    for (const row of m.cover) {
      doc.font(FONT.bold).fontSize(9.5).fillColor(COLOR.brand).text(row.label, MARGIN.left, y, { width: labelW, lineBreak: false });
      doc
        .font(FONT.regular)
        .fontSize(9.5)
        .fillColor(COLOR.text)
        .text(row.value, MARGIN.left + labelW, y, { width: WIDTH - labelW, lineBreak: false });
      y += 19;
      doc
        .save()
        .rect(MARGIN.left, y - 6, WIDTH, 0.4)
        .fill(COLOR.rule)
        .restore();
    }

    // Notice that the product is fictional.
    const noticeY = 722;
    doc.save().rect(MARGIN.left, noticeY, WIDTH, 42).fill('#F2F5F8').restore();
    doc
      .font(FONT.italic)
      .fontSize(7.8)
      .fillColor(COLOR.muted)
      .text(m.coverNotice, MARGIN.left + 10, noticeY + 8, { width: WIDTH - 20, lineGap: 1.2 });
    doc.x = MARGIN.left;
  }

  // ----- table of contents -----

  private tocEntries(): { level: 0 | 1; number: string; title: string }[] {
    const entries: { level: 0 | 1; number: string; title: string }[] = [];
    for (const ch of this.manual.chapters) {
      entries.push({ level: 0, number: ch.number, title: ch.kind === 'appendix' ? `Appendix ${ch.number}: ${ch.title}` : ch.title });
      if (ch.kind === 'appendix' && ch.sections.length === 1) continue;
      ch.sections.forEach((s, i) => entries.push({ level: 1, number: `${ch.number}.${i + 1}`, title: s.title }));
    }
    return entries;
  }

  /** Splits the contents into pages. Does not depend on page numbers, so it can run before the body. */
  private paginateToc(): number[][] {
    const pages: number[][] = [[]];
    let y = MARGIN.top + 46;
    this.tocEntries().forEach((e, i) => {
      const h = e.level === 0 ? 22 : 14.5;
      if (y + h > BOTTOM) {
        pages.push([]);
        y = MARGIN.top;
      }
      pages[pages.length - 1].push(i);
      y += h;
    });
    return pages;
  }

  private renderToc(): void {
    const doc = this.doc;
    const pageOf = new Map(this.toc.map((t) => [`${t.level}:${t.number}`, t]));
    const entries = this.tocEntries();
    this.paginateToc().forEach((indices, p) => {
      doc.switchToPage(this.tocPages[p]);
      let y = MARGIN.top;
      if (p === 0) {
        doc
          .font(FONT.bold)
          .fontSize(21)
          .fillColor(COLOR.brand)
          .text('Contents', MARGIN.left, MARGIN.top + 2, { lineBreak: false });
        doc
          .save()
          .rect(MARGIN.left, MARGIN.top + 31, WIDTH, 0.8)
          .fill(COLOR.rule)
          .rect(MARGIN.left, MARGIN.top + 30, 64, 2.8)
          .fill(COLOR.accent)
          .restore();
        y = MARGIN.top + 46;
      }
      for (const i of indices) {
        const e = entries[i];
        const target = pageOf.get(`${e.level}:${e.number}`);
        if (!target) throw new Error(`No page for contents entry ${e.number}`);
        const pageLabel = String(target.page + 1);
        const chapter = e.level === 0;
        if (chapter) y += 7;
        const size = chapter ? 10.5 : 9.5;
        const numX = chapter ? MARGIN.left : MARGIN.left + 26;
        const titleX = chapter ? MARGIN.left + 26 : MARGIN.left + 60;
        doc
          .font(chapter ? FONT.bold : FONT.regular)
          .fontSize(size)
          .fillColor(chapter ? COLOR.brand : COLOR.text);
        doc.text(e.number, numX, y, { lineBreak: false });
        doc.text(e.title, titleX, y, { lineBreak: false });
        const titleEnd = titleX + doc.widthOfString(e.title);
        const pageW = doc.widthOfString(pageLabel);
        doc.text(pageLabel, MARGIN.left + WIDTH - pageW, y, { lineBreak: false });
        // Dotted leader.
        const leaderY = y + size * 0.78;
        if (MARGIN.left + WIDTH - pageW - 6 > titleEnd + 6) {
          doc
            .save()
            .lineWidth(0.7)
            .strokeColor(COLOR.grid)
            .dash(0.7, { space: 2.6 })
            .moveTo(titleEnd + 6, leaderY)
            .lineTo(MARGIN.left + WIDTH - pageW - 6, leaderY)
            .stroke()
            .undash()
            .restore();
        }
        doc.goTo(numX, y - 1, MARGIN.left + WIDTH - numX, size + 3, target.dest);
        y += chapter ? 15 : 14.5;
      }
    });
  }

  // ----- header and footer on every page -----

  private renderPageFurniture(): void {
    const doc = this.doc;
    const { start, count } = doc.bufferedPageRange();
    const m = this.manual;
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      if (i > 0) {
        doc
          .font(FONT.regular)
          .fontSize(8)
          .fillColor(COLOR.muted)
          .text(m.title, MARGIN.left, 34, { width: WIDTH * 0.62, lineBreak: false });
        const label = this.pageLabels[i] ?? '';
        doc
          .font(FONT.bold)
          .fontSize(8)
          .fillColor(COLOR.brand)
          .text(label, MARGIN.left + WIDTH * 0.62, 34, { width: WIDTH * 0.38, align: 'right', lineBreak: false });
        doc.save().rect(MARGIN.left, 48, WIDTH, 0.6).fill(COLOR.rule).restore();
      }
      const fy = PAGE.height - 44;
      doc
        .save()
        .rect(MARGIN.left, fy - 8, WIDTH, 0.6)
        .fill(COLOR.rule)
        .restore();
      doc
        .font(FONT.regular)
        .fontSize(8)
        .fillColor(COLOR.muted)
        .text(`${m.documentNumber}  ·  ${m.revision}  ·  ${m.issueDate}`, MARGIN.left, fy, { width: WIDTH / 2, lineBreak: false });
      doc
        .font(FONT.bold)
        .fontSize(8)
        .fillColor(COLOR.brand)
        .text(`Page ${i + 1} of ${count}`, MARGIN.left + WIDTH / 2, fy, { width: WIDTH / 2, align: 'right', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
  }

  pages(): number {
    return this.doc.bufferedPageRange().count;
  }
}

// ---------------------------------------------------------------------------------------------
// Drawings
// ---------------------------------------------------------------------------------------------

const FIGURE_HEIGHT: Record<FigureId, number> = { 'flow-diagram': 196, 'controller-panel': 214, 'belt-tension': 178 };

function arrow(doc: Doc, x1: number, y1: number, x2: number, y2: number, color: string, width = 1.4): void {
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const head = 6;
  const bx = x2 - head * Math.cos(angle);
  const by = y2 - head * Math.sin(angle);
  doc.save().lineWidth(width).strokeColor(color).moveTo(x1, y1).lineTo(bx, by).stroke();
  doc
    .polygon([x2, y2], [bx + 3.2 * Math.sin(angle), by - 3.2 * Math.cos(angle)], [bx - 3.2 * Math.sin(angle), by + 3.2 * Math.cos(angle)])
    .fill(color)
    .restore();
}

function box(doc: Doc, x: number, y: number, w: number, h: number, label: string, color: string, fill: string): void {
  doc.save().lineWidth(1).strokeColor(color).roundedRect(x, y, w, h, 3).fillAndStroke(fill, color).restore();
  doc.font(FONT.bold).fontSize(7.2);
  const th = doc.heightOfString(label, { width: w - 6, lineGap: 0.5 });
  doc.fillColor(COLOR.text).text(label, x + 3, y + (h - th) / 2 + 0.5, { width: w - 6, align: 'center', lineGap: 0.5 });
}

function label(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  o: { size?: number; color?: string; width?: number; align?: 'left' | 'center' | 'right'; bold?: boolean } = {},
): void {
  doc
    .font(o.bold ? FONT.bold : FONT.regular)
    .fontSize(o.size ?? 7.5)
    .fillColor(o.color ?? COLOR.muted)
    .text(text, x, y, { width: o.width, align: o.align ?? 'left', lineBreak: o.width !== undefined });
}

const FIGURES: Record<FigureId, (doc: Doc, x: number, y: number, w: number, h: number) => void> = {
  'flow-diagram': (doc, x0, y0, w) => {
    const n = 7;
    const bw = 52;
    const bh = 36;
    const gap = (w - 24 - n * bw) / (n - 1);
    const colX = (i: number) => x0 + 12 + i * (bw + gap);
    const airY = y0 + 42;
    const oilY = y0 + 118;
    const airNames = ['Air filter', 'Inlet valve', 'Airend', 'Separator tank', 'Minimum pressure valve', 'Aftercooler', 'Water separator'];
    airNames.forEach((name, i) => box(doc, colX(i), airY, bw, bh, name, COLOR.air, '#EAF3FA'));
    for (let i = 0; i < n - 1; i++) arrow(doc, colX(i) + bw + 1, airY + bh / 2, colX(i + 1) - 1, airY + bh / 2, COLOR.air);
    // Air in and out.
    arrow(doc, colX(0) + bw / 2, y0 + 16, colX(0) + bw / 2, airY - 1, COLOR.air);
    label(doc, 'Ambient air', colX(0) + bw / 2 + 5, y0 + 14);
    arrow(doc, colX(6) + bw / 2, airY + bh + 1, colX(6) + bw / 2, airY + bh + 34, COLOR.air);
    label(doc, 'Compressed air outlet G 1"', colX(6) + bw / 2 - 124, airY + bh + 26, { width: 118, align: 'right' });
    // Oil circuit.
    box(doc, colX(3), oilY, bw, bh, 'Thermostatic valve (71 °C)', COLOR.oil, '#FDF3E3');
    box(doc, colX(4) + 10, oilY, bw, bh, 'Oil cooler', COLOR.oil, '#FDF3E3');
    box(doc, colX(2), oilY, bw, bh, 'Oil filter', COLOR.oil, '#FDF3E3');
    arrow(doc, colX(3) + bw / 2, airY + bh + 1, colX(3) + bw / 2, oilY - 1, COLOR.oil);
    arrow(doc, colX(3) + bw + 1, oilY + 12, colX(4) + 9, oilY + 12, COLOR.oil);
    arrow(doc, colX(4) + 9, oilY + 25, colX(3) + bw + 1, oilY + 25, COLOR.oil);
    arrow(doc, colX(3) - 1, oilY + bh / 2, colX(2) + bw + 1, oilY + bh / 2, COLOR.oil);
    arrow(doc, colX(2) + bw / 2, oilY - 1, colX(2) + bw / 2, airY + bh + 1, COLOR.oil);
    label(doc, 'Oil injection', colX(2) + bw / 2 - 52, oilY - 22, { width: 48, align: 'right' });
    label(doc, 'Hot oil', colX(3) + bw / 2 + 4, oilY - 22);
    // Legend.
    const ly = y0 + 174;
    doc
      .save()
      .lineWidth(2)
      .strokeColor(COLOR.air)
      .moveTo(x0 + 14, ly + 4)
      .lineTo(x0 + 34, ly + 4)
      .stroke()
      .restore();
    label(doc, 'Air and air/oil mixture', x0 + 40, ly);
    doc
      .save()
      .lineWidth(2)
      .strokeColor(COLOR.oil)
      .moveTo(x0 + 150, ly + 4)
      .lineTo(x0 + 170, ly + 4)
      .stroke()
      .restore();
    label(doc, 'Oil', x0 + 176, ly);
  },

  'controller-panel': (doc, x0, y0, w) => {
    const pw = 392;
    const ph = 188;
    const px = x0 + (w - pw) / 2;
    const py = y0 + 13;
    doc.save().lineWidth(1).roundedRect(px, py, pw, ph, 8).fillAndStroke('#E7EBEF', '#8795A3').restore();
    label(doc, 'AeroLogic 2', px + 12, py + 9, { size: 8, bold: true, color: COLOR.brand });
    const leftW = 292;
    // Indicator lights.
    const leds: [string, string][] = [
      ['POWER', '#2E9E44'],
      ['RUN', '#2E9E44'],
      ['AUTO', '#2E9E44'],
      ['WARNING', '#F2A900'],
      ['FAULT', '#D0202E'],
      ['REMOTE', '#F2A900'],
    ];
    const ledStep = (leftW - 30) / leds.length;
    leds.forEach(([name, color], i) => {
      const cx = px + 15 + ledStep * (i + 0.5);
      doc
        .save()
        .circle(cx, py + 34, 5)
        .fillAndStroke(color, '#4A5560')
        .restore();
      label(doc, name, cx - ledStep / 2, py + 43, { size: 6.3, bold: true, color: '#333F4A', width: ledStep, align: 'center' });
    });
    // Display.
    const dx = px + 36;
    const dy = py + 60;
    const dw = leftW - 60;
    doc
      .save()
      .roundedRect(dx - 4, dy - 4, dw + 8, 70, 4)
      .fill('#4A5560')
      .rect(dx, dy, dw, 62)
      .fill('#CFE0C3')
      .restore();
    const rows: [string, string][] = [
      ['NET PRESSURE', '8.6 bar'],
      ['DISCHARGE TEMP', '84 °C'],
      ['STATE', 'LOADED'],
      ['RUNNING HOURS', '1234 h'],
    ];
    const lines = rows.map(([k, v]) => k.padEnd(16) + v.padStart(9));
    lines.forEach((line, i) => {
      doc
        .font(FONT.mono)
        .fontSize(8.6)
        .fillColor('#1F2D1A')
        .text(line, dx + 10, dy + 7 + i * 12.5, { lineBreak: false });
    });
    // Keys.
    const keys = ['I', 'O', 'RESET', 'MENU', 'UP', 'DOWN', 'ENTER'];
    const kw = 33;
    const kh = 22;
    const kgap = (leftW - 20 - keys.length * kw) / (keys.length - 1);
    keys.forEach((k, i) => {
      const kx = px + 10 + i * (kw + kgap);
      const ky = py + 146;
      const fill = k === 'I' ? '#2E9E44' : k === 'O' ? '#D0202E' : '#5B6773';
      doc.save().roundedRect(kx, ky, kw, kh, 3).fill(fill).restore();
      if (k === 'UP' || k === 'DOWN') {
        const cx = kx + kw / 2;
        const cy = ky + kh / 2;
        const pts: [number, number][] =
          k === 'UP'
            ? [
                [cx, cy - 4.5],
                [cx + 5.5, cy + 4],
                [cx - 5.5, cy + 4],
              ]
            : [
                [cx, cy + 4.5],
                [cx + 5.5, cy - 4],
                [cx - 5.5, cy - 4],
              ];
        doc
          .save()
          .polygon(...pts)
          .fill('#FFFFFF')
          .restore();
      } else {
        const size = k.length === 1 ? 11 : 6.4;
        doc
          .font(FONT.bold)
          .fontSize(size)
          .fillColor('#FFFFFF')
          .text(k, kx, ky + (kh - size) / 2 + 0.8, { width: kw, align: 'center', lineBreak: false });
      }
      label(doc, k === 'I' ? 'Start' : k === 'O' ? 'Stop' : '', kx, py + 171, { size: 6.3, width: kw, align: 'center', color: '#333F4A' });
    });
    // Emergency stop.
    const ex = px + leftW + (pw - leftW) / 2;
    const ey = py + 92;
    doc
      .save()
      .lineWidth(0.8)
      .strokeColor('#8795A3')
      .moveTo(px + leftW, py + 12)
      .lineTo(px + leftW, py + ph - 12)
      .stroke()
      .restore();
    doc.save().circle(ex, ey, 31).fill('#FFD100').circle(ex, ey, 21).fillAndStroke('#C8102E', '#7A0A1C').restore();
    label(doc, 'EMERGENCY STOP', ex - 45, ey + 40, { size: 6.6, bold: true, color: '#333F4A', width: 90, align: 'center' });
  },

  'belt-tension': (doc, x0, y0, w) => {
    const cy = y0 + 86;
    const c1 = { x: x0 + 92, r: 42 }; // motor pulley 200 mm
    const c2 = { x: x0 + w - 110, r: 21 }; // airend pulley 100 mm
    const d = c2.x - c1.x;
    const nx = (c1.r - c2.r) / d;
    const ny = Math.sqrt(1 - nx * nx);
    const belt = 4.5;
    const R1 = c1.r + belt / 2;
    const R2 = c2.r + belt / 2;
    const t1 = { x: c1.x + R1 * nx, y: cy - R1 * ny };
    const t2 = { x: c2.x + R2 * nx, y: cy - R2 * ny };
    const b1 = { x: c1.x + R1 * nx, y: cy + R1 * ny };
    const b2 = { x: c2.x + R2 * nx, y: cy + R2 * ny };
    // Pulleys.
    doc.save().circle(c1.x, cy, c1.r).fillAndStroke('#D5DCE3', '#6C7A88').circle(c1.x, cy, 8).fillAndStroke('#FFFFFF', '#6C7A88').restore();
    doc.save().circle(c2.x, cy, c2.r).fillAndStroke('#D5DCE3', '#6C7A88').circle(c2.x, cy, 5).fillAndStroke('#FFFFFF', '#6C7A88').restore();
    // Belt: the two straight spans and the wrap around each pulley.
    doc
      .save()
      .lineWidth(belt)
      .strokeColor('#2B333B')
      .path(`M ${t1.x} ${t1.y} L ${t2.x} ${t2.y} A ${R2} ${R2} 0 0 1 ${b2.x} ${b2.y} L ${b1.x} ${b1.y} A ${R1} ${R1} 0 1 1 ${t1.x} ${t1.y}`)
      .stroke()
      .restore();
    // Deflected belt under the test force.
    const mx = (t1.x + t2.x) / 2;
    const my = (t1.y + t2.y) / 2;
    const defl = 11;
    doc
      .save()
      .lineWidth(1)
      .strokeColor(COLOR.accent)
      .dash(3, { space: 2 })
      .moveTo(t1.x, t1.y)
      .lineTo(mx, my + defl)
      .lineTo(t2.x, t2.y)
      .stroke()
      .undash()
      .restore();
    arrow(doc, mx, my - 32, mx, my + defl - 3, COLOR.accent, 1.6);
    label(doc, 'Test force F', mx - 96, my - 34, { size: 8, bold: true, color: COLOR.accent, width: 90, align: 'right' });
    // Deflection dimension, inside the belt loop.
    const dx = mx + 16;
    arrow(doc, dx, my + defl + 12, dx, my + defl + 1, COLOR.text, 0.7);
    arrow(doc, dx, my - 12, dx, my + 1, COLOR.text, 0.7);
    label(doc, 'Deflection 6.5 mm', dx + 6, my + defl + 3, { size: 8, color: COLOR.text });
    // Pulley names above the pulleys.
    label(doc, 'Motor pulley 200 mm', c1.x - 60, cy - c1.r - 30, { size: 8, width: 120, align: 'center', color: COLOR.text });
    label(doc, 'Airend pulley 100 mm', c2.x - 60, cy - c2.r - 30, { size: 8, width: 120, align: 'center', color: COLOR.text });
    // Span dimension below the drive.
    const sy = cy + c1.r + 22;
    doc
      .save()
      .lineWidth(0.6)
      .strokeColor(COLOR.muted)
      .moveTo(c1.x, cy + c1.r + 8)
      .lineTo(c1.x, sy + 5)
      .moveTo(c2.x, cy + c2.r + 8)
      .lineTo(c2.x, sy + 5)
      .stroke()
      .restore();
    arrow(doc, mx, sy, c1.x + 1, sy, COLOR.muted, 0.7);
    arrow(doc, mx, sy, c2.x - 1, sy, COLOR.muted, 0.7);
    doc
      .save()
      .rect(mx - 36, sy - 6, 72, 12)
      .fill('#FFFFFF')
      .restore();
    label(doc, 'Span 410 mm', mx - 36, sy - 4, { size: 8, width: 72, align: 'center', color: COLOR.text });
  },
};

/** Cover illustration: the compressor canopy, seen from the front. */
function drawCompressor(doc: Doc, cx: number, top: number): void {
  const w = 300;
  const h = 178;
  const x = cx - w / 2;
  const y = top;
  // Shadow and base frame.
  doc
    .save()
    .ellipse(cx, y + h + 22, w * 0.56, 7)
    .fill('#E4E9EE')
    .restore();
  doc
    .save()
    .rect(x - 6, y + h, w + 12, 14)
    .fill('#3A4652')
    .restore();
  doc
    .save()
    .rect(x + 14, y + h + 14, 24, 8)
    .rect(x + w - 38, y + h + 14, 24, 8)
    .fill('#2A333C')
    .restore();
  // Canopy.
  doc.save().roundedRect(x, y, w, h, 6).fillAndStroke('#DDE4EA', '#8795A3').restore();
  doc.save().rect(x, y, w, 18).fill(COLOR.brand).restore();
  doc
    .font(FONT.bold)
    .fontSize(9)
    .fillColor('#FFFFFF')
    .text('AEROTECH  AC-400', x + 10, y + 5, { lineBreak: false });
  // Service door with controller.
  doc
    .save()
    .lineWidth(0.8)
    .strokeColor('#8795A3')
    .roundedRect(x + 14, y + 30, 126, 136, 3)
    .stroke()
    .restore();
  doc
    .save()
    .roundedRect(x + 30, y + 44, 94, 62, 3)
    .fill('#3A4652')
    .roundedRect(x + 40, y + 52, 74, 26, 2)
    .fill('#CFE0C3')
    .restore();
  ['#2E9E44', '#2E9E44', '#F2A900', '#D0202E'].forEach((c, i) =>
    doc
      .save()
      .circle(x + 46 + i * 14, y + 92, 3)
      .fill(c)
      .restore(),
  );
  doc
    .save()
    .circle(x + 110, y + 92, 7)
    .fill('#FFD100')
    .circle(x + 110, y + 92, 4.5)
    .fill('#C8102E')
    .restore();
  doc
    .save()
    .roundedRect(x + 128, y + 92, 5, 26, 2)
    .fill('#5B6773')
    .restore();
  // Cooling air grilles.
  for (let i = 0; i < 9; i++) {
    doc
      .save()
      .roundedRect(x + 156, y + 34 + i * 14, 128, 6, 3)
      .fill('#AEB9C4')
      .restore();
  }
  // Pressure gauge and outlet.
  doc
    .save()
    .circle(x + w + 18, y + 46, 12)
    .fillAndStroke('#FFFFFF', '#6C7A88')
    .restore();
  doc
    .save()
    .lineWidth(1.2)
    .strokeColor('#C8102E')
    .moveTo(x + w + 18, y + 46)
    .lineTo(x + w + 24, y + 40)
    .stroke()
    .restore();
  doc
    .save()
    .rect(x + w, y + 62, 24, 9)
    .fill('#8795A3')
    .restore();
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

/** Renders the manual into memory. */
function renderDemoManual(manual: Manual = demoManual): Promise<{ data: Buffer; pages: number }> {
  return new Promise((resolve, reject) => {
    const renderer = new Renderer(manual);
    const chunks: Buffer[] = [];
    renderer.doc.on('data', (c: Buffer) => chunks.push(c));
    renderer.doc.on('error', reject);
    let pages = 0;
    renderer.doc.on('end', () => resolve({ data: Buffer.concat(chunks), pages }));
    try {
      renderer.render();
      pages = renderer.pages();
      renderer.doc.end();
    } catch (error) {
      reject(error);
    }
  });
}

/** Writes the demo manual PDF to outPath (directories are created). */
export async function generateDemoManual(outPath: string): Promise<{ pages: number; bytes: number }> {
  const { data, pages } = await renderDemoManual();
  await fs.mkdir(path.dirname(path.resolve(outPath)), { recursive: true });
  await fs.writeFile(outPath, data);
  return { pages, bytes: data.length };
}

function invokedDirectly(): boolean {
  const entry = process.argv[1];
  return !!entry && /scripts[\\/]demo-manual[\\/]generate\.[cm]?[jt]s$/.test(path.resolve(entry));
}

if (invokedDirectly()) {
  const root = path.resolve(path.dirname(path.resolve(process.argv[1])), '..', '..');
  const out = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, DEFAULT_OUTPUT);
  generateDemoManual(out)
    .then(({ pages, bytes }) => console.log(`Wrote ${path.relative(process.cwd(), out) || out}: ${pages} pages, ${bytes} bytes`))
    .catch((error: unknown) => {
      console.error(`generate demo manual failed: ${(error as Error).message}`);
      process.exitCode = 1;
    });
}
