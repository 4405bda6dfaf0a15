import 'server-only';
import type { Citation } from '@/db/schema';
import { plainText, snippetOf, type RetrievedChunk } from '@/lib/retrieval';
import { passageQuote } from '@/lib/text/passage';
import type { Confidence } from '@/lib/retrieval/rank';
import { detectQueryConfig } from '@/lib/retrieval/language';

export function toCitations(chunks: RetrievedChunk[], query: string): Citation[] {
  return chunks.map((c, i) => ({
    n: i + 1,
    documentId: c.documentId,
    chunkId: c.chunkId,
    title: c.title,
    page: c.pageStart,
    ...(c.pageEnd > c.pageStart ? { pageEnd: c.pageEnd } : {}),
    heading: c.heading,
    snippet: snippetOf(c.content, query),
  }));
}

const MARKERS = /\[(\d{1,2}(?:\s*,\s*\d{1,2})*)\]/g;

/**
 * The citations an answer refers to, numbered 1, 2, … in the order their markers first appear,
 * with the answer's markers renumbered to match: markers of the same page and section become one,
 * and a marker with no source is dropped.
 */
export function numberCitations(answer: string, citations: Citation[]): { text: string; citations: Citation[] } {
  const byN = new Map(citations.map((c) => [c.n, c]));
  const keyOf = (c: Citation) => `${c.documentId}:${c.page}:${c.heading ?? ''}`;
  const numberOfKey = new Map<string, number>();
  const used: Citation[] = [];
  const text = answer.replace(MARKERS, (_marker, list: string) => {
    const numbers: number[] = [];
    for (const n of list.split(',').map((x) => Number(x.trim()))) {
      const c = byN.get(n);
      if (!c) continue;
      const key = keyOf(c);
      if (!numberOfKey.has(key)) {
        numberOfKey.set(key, used.length + 1);
        used.push({ ...c, n: used.length + 1 });
      }
      const renumbered = numberOfKey.get(key)!;
      if (!numbers.includes(renumbered)) numbers.push(renumbered);
    }
    return numbers.map((n) => `[${n}]`).join('');
  });
  return { text, citations: used };
}

const SAFETY = /\b(danger|warning|caution|hazard|lockout|tagout)\b/i;

function quote(text: string, max = 700): string {
  return `> ${passageQuote(text, max)}`;
}

/** The plain answer when the manuals do not cover the question, in the technician's language where we have it. */
const NOT_COVERED: Record<string, string> = {
  english:
    "I couldn't find anything about this in the manuals that are loaded, and I won't guess. I suggest escalating it to support so a person can help. (If there is an error code, a part name or the exact message on the display, asking with it may find the right page.)",
  german:
    'Die geladenen Handbücher behandeln das nicht. Statt zu raten, schlage ich vor, es an den Support weiterzugeben, damit ein Mensch helfen kann. (Mit einem Fehlercode, einem Teilenamen oder der genauen Anzeige findet sich vielleicht die richtige Seite.)',
  french:
    "Les manuels chargés ne traitent pas ce point. Plutôt que de deviner, je vous propose de transmettre la demande au support pour qu'une personne vous aide. (Avec un code d'erreur, le nom d'une pièce ou le message exact affiché, la bonne page peut être trouvée.)",
  spanish:
    'Los manuales cargados no tratan esto. En lugar de adivinar, le sugiero escalarlo a soporte para que una persona le ayude. (Con un código de error, el nombre de una pieza o el mensaje exacto de la pantalla puede encontrarse la página correcta.)',
  italian:
    'I manuali caricati non trattano questo argomento. Invece di tirare a indovinare, suggerisco di inoltrarlo al supporto perché una persona possa aiutarti. (Con un codice di errore, il nome di un pezzo o il messaggio esatto sul display si può trovare la pagina giusta.)',
  portuguese:
    'Os manuais carregados não tratam disso. Em vez de adivinhar, sugiro encaminhar ao suporte para que uma pessoa possa ajudar. (Com um código de erro, o nome de uma peça ou a mensagem exata do visor, a página certa pode ser encontrada.)',
  dutch:
    'De geladen handleidingen behandelen dit niet. In plaats van te gokken stel ik voor het door te sturen naar support, zodat een mens kan helpen. (Met een foutcode, een onderdeelnaam of de exacte melding op het display is de juiste pagina misschien te vinden.)',
};

/** "Not in the manuals", said plainly, in the question's language. */
export function notCoveredAnswer(question: string): string {
  return NOT_COVERED[detectQueryConfig(question)] ?? NOT_COVERED.english;
}

/** The passages a manuals-only answer quotes, in the order it quotes them: safety passages first. */
export function quotedPassages(chunks: RetrievedChunk[], max = 4): RetrievedChunk[] {
  return chunks.slice(0, max).sort((a, b) => Number(SAFETY.test(b.content)) - Number(SAFETY.test(a.content)));
}

/**
 * The answer when no model is available: the passages (see quotedPassages), quoted as written, as
 * plain text, each with its citation marker [1], [2], … in order. Passages that only come close are
 * introduced as such; when there are none that do, the answer says plainly that the manuals do
 * not cover the question.
 */
export function manualsOnlyAnswer(
  passages: RetrievedChunk[],
  why: 'not_configured' | 'model_failed',
  question = '',
  confidence: Confidence = 'answers',
): string {
  if (!passages.length || confidence === 'none') return notCoveredAnswer(question);
  const unavailable = why === 'model_failed' ? 'The AI assistant is unavailable right now. ' : '';
  const intro =
    confidence === 'close'
      ? `${unavailable}The manuals don't seem to cover this exactly. These are the closest passages I found, quoted as written: check whether they apply, or escalate to support.`
      : why === 'model_failed'
        ? 'The AI assistant is unavailable right now, so here are the most relevant passages from the manuals, quoted as written:'
        : 'Here are the most relevant passages from the manuals, quoted as written:';
  const parts = passages.map((c, i) => {
    const where = `**${c.title}**, page ${c.pageStart}${c.heading ? ` — ${plainText(c.heading)}` : ''} [${i + 1}]`;
    return `${where}\n\n${quote(c.content)}`;
  });
  return `${intro}\n\n${parts.join('\n\n')}`;
}

/** Splits text into small pieces so a manuals-only answer streams like any other. */
export function pieces(text: string, size = 24): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export function autoTitle(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  if (line.length <= 60) return line || 'New conversation';
  return `${line.slice(0, 57).replace(/\s+\S*$/, '')}…`;
}
