import 'server-only';
import zlib from 'node:zlib';

/*
 * Finds what would make a stored manual act when a browser's PDF viewer opens it: scripts, actions
 * on open or on page events, launching programs, embedded files. These live in the PDF's
 * dictionaries, either as plain objects or packed into compressed object streams; page content
 * streams (drawing only) cannot hold them and are skipped, so binary data does not look like names.
 */

/** The PDF names that mark active content, by what they do. */
const ACTIVE: Record<string, string> = {
  JS: 'JavaScript',
  JavaScript: 'JavaScript',
  AA: 'automatic actions',
  RichMedia: 'embedded media',
  // Opens a file embedded in the PDF. Embedded files themselves are data a viewer only offers to
  // save (manuals carry their print settings so), and stay accepted.
  GoToE: 'actions that open embedded files',
};

// A name: a slash, then regular characters up to whitespace or a delimiter (PDF 32000 §7.3.5).
const NAME = /\/([^\s/[\]<>(){}%]*)/g;

/** The innermost dictionary around `at`: from its "<<" to its ">>". */
function dictionaryAround(text: string, at: number): string {
  let depth = 0;
  let start = at;
  for (; start > 0 && at - start < 4096; start--) {
    if (text.startsWith('>>', start - 1)) {
      depth++;
      start--;
    } else if (text.startsWith('<<', start - 1)) {
      if (depth === 0) break;
      depth--;
      start--;
    }
  }
  depth = 0;
  let end = at;
  for (; end < text.length && end - at < 4096; end++) {
    if (text.startsWith('<<', end)) {
      depth++;
      end++;
    } else if (text.startsWith('>>', end)) {
      if (depth === 0) break;
      depth--;
      end++;
    }
  }
  return text.slice(start - 1, end + 2);
}

/**
 * A launch action that only opens a web address (manuals link their maker's site so; viewers open
 * it as a link) is harmless; one that names a program, a file or program parameters is not.
 */
function launchesProgram(action: string): boolean {
  if (/\/(Win|Mac|Unix)\b/.test(action)) return true;
  const target = /\/F\s*\(([^)]*)\)/.exec(action);
  return !target || !/^(https?:\/\/|www\.)[\w.-]+(\/[^\s]*)?$/i.test(target[1].trim());
}

function namesIn(text: string, found: Set<string>): void {
  for (const match of text.matchAll(NAME)) {
    const raw = match[1];
    // #xx is an escaped byte (/J#61vaScript is /JavaScript).
    const name = raw.includes('#') ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : raw;
    const what = ACTIVE[name];
    if (what) found.add(what);
    else if (name === 'Launch' && launchesProgram(dictionaryAround(text, match.index))) found.add('launch actions');
  }
}

function inflate(data: Buffer): string | null {
  try {
    return zlib.inflateSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString('latin1');
  } catch {
    return null;
  }
}

/** The objects that hold nothing but a number (indirect stream lengths), by "number generation". */
function numberObjects(text: string): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const [, id, generation, value] of text.matchAll(/(?:^|\s)(\d+)\s+(\d+)\s+obj\s*(\d+)\s*endobj/g)) {
    numbers.set(`${id} ${generation}`, Number(value));
  }
  return numbers;
}

/** The length a stream's dictionary gives, direct or as a reference to an object holding a number. */
function streamLength(dictionary: string, numbers: () => Map<string, number>): number | null {
  const length = /\/Length\s+(\d+)(?:\s+(\d+)\s+R)?/.exec(dictionary);
  if (!length) return null;
  if (length[2] === undefined) return Number(length[1]);
  return numbers().get(`${length[1]} ${length[2]}`) ?? null;
}

/** What active content a PDF carries ("JavaScript", "launch actions"…), empty when none. */
export function activeContent(data: Uint8Array): string[] {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const text = bytes.toString('latin1');
  const found = new Set<string>();
  let numbers: Map<string, number> | undefined;
  const lengths = () => (numbers ??= numberObjects(text));
  const streamStart = />>\s*stream(\r\n|\n|\r)/g;
  let at = 0;
  for (;;) {
    streamStart.lastIndex = at;
    const start = streamStart.exec(text);
    const dictionaries = text.slice(at, start ? start.index + 2 : text.length);
    namesIn(dictionaries, found);
    if (!start) break;
    const dataStart = start.index + start[0].length;
    // The dictionary of this stream: from its object's start to the "stream" keyword.
    const dictionary = dictionaries.slice(dictionaries.lastIndexOf(' obj') + 1);
    const length = streamLength(dictionary, lengths);
    const dataEnd = length === null ? -1 : dataStart + length;
    if (dataEnd < 0 || !/^\s*endstream/.test(text.slice(dataEnd, dataEnd + 20))) {
      // Not a stream as its dictionary describes it: read on as dictionaries, so nothing can hide here.
      at = dataStart;
      continue;
    }
    if (/\/Type\s*\/ObjStm\b/.test(dictionary)) {
      const raw = bytes.subarray(dataStart, dataEnd);
      const filter = /\/Filter\s*(\/\w+|\[[^\]]*\])/.exec(dictionary)?.[1].replace(/[[\]\s]/g, '');
      const packed = !filter ? raw.toString('latin1') : filter === '/FlateDecode' ? inflate(raw) : null;
      // Packed objects that cannot be read are not trusted either.
      if (packed === null) found.add('unreadable object streams');
      else namesIn(packed, found);
    }
    at = text.indexOf('endstream', dataEnd) + 'endstream'.length;
  }
  return [...found];
}
