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
