import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { activeContent } from '@/lib/knowledge/active-content';

/** A PDF's body from its objects (enough for the scan, which reads objects, not the cross-reference table). */
const pdf = (...objects: (string | Buffer)[]) =>
  new Uint8Array(
    Buffer.concat([
      Buffer.from('%PDF-1.7\n'),
      ...objects.flatMap((o, i) => [Buffer.from(`${i + 1} 0 obj\n`), Buffer.from(o), Buffer.from('\nendobj\n')]),
      Buffer.from('%%EOF\n'),
    ]),
  );

const stream = (dictionary: string, data: Buffer) =>
  Buffer.concat([Buffer.from(`<< ${dictionary} /Length ${data.byteLength} >>\nstream\n`), data, Buffer.from('\nendstream')]);

describe('active content in a PDF', () => {
  it('finds none in a plain manual', () => {
    expect(activeContent(pdf('<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'))).toEqual([]);
  });

  it.each([
    ['an open action script', '<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>', 'JavaScript'],
    ['a name written with escapes', '<< /Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (x) >> >>', 'JavaScript'],
    ['a page event', '<< /Type /Page /AA << /O 5 0 R >> >>', 'automatic actions'],
    ['a launch of a program', '<< /Subtype /Link /A << /S /Launch /F (C:\\\\Windows\\\\calc.exe) >> >>', 'launch actions'],
    ['a launch with program parameters', '<< /S /Launch /Win << /F (cmd.exe) /P (/c del) >> /F (www.example.com) >>', 'launch actions'],
    ['an action that opens an embedded file', '<< /S /GoToE /T << /R /C /N (a.pdf) >> >>', 'actions that open embedded files'],
  ])('finds %s', (_, object, what) => {
    expect(activeContent(pdf(object))).toContain(what);
  });

  it('accepts a launch that only opens a web address, and attached files', () => {
    expect(activeContent(pdf('<< /Subtype /Link /A << /F (www.hp.com) /S /Launch >> >>'))).toEqual([]);
    expect(activeContent(pdf('<< /Names << /EmbeddedFiles 2 0 R >> >>', '<< /Type /Filespec /EF << /F 3 0 R >> >>'))).toEqual([]);
  });

  it('finds a script packed into a compressed object stream', () => {
    const packed = zlib.deflateSync(Buffer.from('5 0 << /S /JavaScript /JS (app.alert(1)) >>'));
    expect(activeContent(pdf(stream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', packed)))).toEqual(['JavaScript']);
    expect(activeContent(pdf(stream('/Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode]', packed)))).toEqual(['JavaScript']);
    // Packed objects it cannot read are not trusted.
    expect(activeContent(pdf(stream('/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode', packed)))).toEqual(['unreadable object streams']);
  });

  it('follows a stream length given by reference', () => {
    const packed = zlib.deflateSync(Buffer.from('5 0 << /AA << >> >>'));
    const body = Buffer.concat([
      Buffer.from('<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 2 0 R >>\nstream\n'),
      packed,
      Buffer.from('\nendstream'),
    ]);
    expect(activeContent(pdf(body, String(packed.byteLength)))).toEqual(['automatic actions']);
  });

  it('does not take page drawing data for names', () => {
    // Compressed drawing data may hold any bytes, names included.
    const drawing = Buffer.concat([Buffer.from([0x78, 0x9c]), Buffer.from(' /JS /AA /Launch '), Buffer.alloc(64, 0xfe)]);
    expect(activeContent(pdf(stream('/Filter /FlateDecode', drawing)))).toEqual([]);
  });

  it('cannot be made to skip objects by a "stream" keyword inside a string', () => {
    const decoy = '<< /Title (>>\nstream\n) >>';
    expect(activeContent(pdf(decoy, '<< /OpenAction << /S /JavaScript /JS (x) >> >>', '<< /Length 3 >>\nstream\nabc\nendstream'))).toEqual([
      'JavaScript',
    ]);
  });
});
