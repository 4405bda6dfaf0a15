import PDFDocument from 'pdfkit';

/** Draws a PDF with pdfkit and returns its bytes. */
export function renderPdf(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument(options);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

/** A PDF that opens only with a password. */
export function encryptedPdf(): Promise<Uint8Array> {
  return renderPdf({ userPassword: 'secret', ownerPassword: 'owner', pdfVersion: '1.7' }, (doc) => {
    doc.text('Confidential service bulletin: torque the flange bolts to 45 Nm.');
  });
}

/** Pages with drawings only, like a scan: no text layer at all. */
export function imageOnlyPdf(pages = 3): Promise<Uint8Array> {
  return renderPdf({ size: 'A4' }, (doc) => {
    for (let p = 0; p < pages; p++) {
      if (p) doc.addPage();
      for (let i = 0; i < 40; i++) doc.rect(50 + (i % 8) * 60, 60 + Math.floor(i / 8) * 120, 50, 100).fill(i % 2 ? '#333' : '#999');
    }
  });
}

/** Where a PDF made by activePdf carries its active content. */
export type ActiveContent = 'open-script' | 'named-script' | 'page-action' | 'launch-program' | 'web-link-launch' | 'attached-file';

/**
 * A one-page manual with a text layer that also carries active content: a script run when it opens
 * (/OpenAction /JavaScript), a document-level script (/Names /JavaScript), a page's automatic action
 * (/AA), a link that launches a program, a link that "launches" a web address (as HP's manuals do),
 * or an attached file (/EmbeddedFiles, as print settings are attached).
 */
export function activePdf(kind: ActiveContent): Promise<Uint8Array> {
  return renderPdf({ size: 'A4' }, (doc) => {
    doc.fontSize(12).text('Compressor C-7 service manual. Error E4 means the pressure switch has tripped; reset it after cooling.');
    const catalog = (doc as unknown as { _root: { data: Record<string, unknown> & { Names: { data: Record<string, unknown> } } } })._root
      .data;
    const page = (doc.page as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data;
    const ref = (data: object) => {
      const r = doc.ref(data);
      (r as unknown as { end: () => void }).end();
      return r;
    };
    const script = () => ref({ Type: 'Action', S: 'JavaScript', JS: new String("app.alert('pwned')") });
    if (kind === 'open-script') catalog.OpenAction = script();
    if (kind === 'named-script') catalog.Names.data.JavaScript = { Names: [new String('init'), script()] };
    if (kind === 'page-action') page.AA = { O: script() };
    // A link annotation with a launch action (pdfkit's own links are URI actions).
    const launch = (target: string) =>
      doc.annotate(50, 700, 100, 20, { Subtype: 'Link', A: { S: 'Launch', F: new String(target) } } as PDFKit.Mixins.AnnotationOption);
    if (kind === 'launch-program') launch('C:\\Windows\\System32\\calc.exe');
    if (kind === 'web-link-launch') launch('www.example.com');
    if (kind === 'attached-file') doc.file(Buffer.from('<< /CompressPages true >>'), { name: 'settings.joboptions' });
  });
}
