// The OpenAI wire format as the stub model server speaks it: completion chunks, errors,
// deterministic answers and embeddings. Kept apart from the server so the server stays small.

export interface WireMessage {
  role: string;
  content: string;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

let sequence = 0;
export const completionId = () => `chatcmpl-stub${(++sequence).toString(36)}`;
const now = () => Math.floor(Date.now() / 1000);

/** Message content as text, whether the caller sent a string or an array of parts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p?.text === 'string' ? p.text : '')).join('');
  return '';
}

/** "Hello there" -> ["Hello ", "there"]: word-sized tokens that join back to the text. */
export function splitTokens(tokens: string[] | string): string[] {
  return Array.isArray(tokens) ? tokens : (tokens.match(/\S+\s*|\s+/g) ?? []);
}

export function estimateUsage(messages: WireMessage[], tokens: string[]): Usage {
  const promptChars = messages.reduce((n, m) => n + m.content.length, 0);
  return { prompt_tokens: Math.ceil(promptChars / 4) + 3 * messages.length, completion_tokens: tokens.length };
}

export function sse(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

export function chunk(id: string, model: string, delta: Record<string, unknown>, finishReason: string | null = null) {
  return {
    id,
    object: 'chat.completion.chunk',
    created: now(),
    model,
    system_fingerprint: 'fp_stub',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
}

export function usageChunk(id: string, model: string, usage: Usage) {
  return {
    id,
    object: 'chat.completion.chunk',
    created: now(),
    model,
    choices: [],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

export function completion(model: string, text: string, usage: Usage) {
  return {
    id: completionId(),
    object: 'chat.completion',
    created: now(),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

export function errorBody(status: number, message?: string) {
  const type = status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message: message ?? `stub model server answered ${status}`, type, param: null, code: type } };
}

const FILLER = 'Check the relevant section of the manual and follow the steps in order before restarting the machine'.split(' ');
const DECLINE_FILLER = 'Support can look at the machine details and reply in this conversation'.split(' ');

/** The app's note (lib/chat/prompts.ts) when its search found passages but none that answers the question. */
const NO_ANSWER_NOTE = 'the search found no passage that clearly answers this question';
/** What the echo says then, like a grounded model: matches the app's "not covered" patterns, cites nothing. */
const DECLINE_ANSWER = 'The manuals do not cover this. I suggest escalating it to support.';

/** `words` padded with `filler` to about `length` words (none without a length). */
function padded(words: string[], filler: string[], length?: number): string[] {
  const out = [...words];
  for (let i = 0; length && out.length + 1 < length; i++) out.push(filler[i % filler.length]);
  return out;
}

/**
 * A deterministic answer that quotes the last user message and, like a grounded model, cites the
 * first manual passage when the prompt has one. When the prompt has passages but the app notes that
 * none answers the question, it says the manuals do not cover it and cites nothing. (Without any
 * passage it still quotes the question: browser tests without manuals rely on that answer.)
 */
export function echoAnswer(messages: WireMessage[], length?: number): string {
  const last = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  if (last.includes('<source id="1"') && last.includes(NO_ANSWER_NOTE)) {
    const sentence = DECLINE_ANSWER.split(' ');
    const words = padded(sentence, DECLINE_FILLER, length);
    return words.length > sentence.length ? `${words.join(' ')}.` : DECLINE_ANSWER;
  }
  // The app sends manual passages first and the technician's question last: quote the last paragraph.
  const paragraph = (
    last
      .trim()
      .split(/\n\s*\n/)
      .pop() ?? ''
  ).split('\n');
  if (paragraph.length > 1 && paragraph[0].trim().endsWith(':')) paragraph.shift();
  const question = paragraph.join(' ').replace(/\s+/g, ' ').trim().slice(0, 300);
  const cited = messages.some((m) => m.content.includes('<source id="1"'));
  const lead = cited
    ? 'According to the manual, follow the documented procedure'
    : 'No manual passage matched, so follow the usual procedure';
  const words = padded(`You asked: "${question}". ${lead}`.split(' '), FILLER, length);
  return `${words.join(' ')}.${cited ? ' [1]' : ''}`;
}

/** Hashed bag of words: 64 dimensions, unit length. Shared words give similar vectors. */
function embedText(text: string, dims = 64): number[] {
  const vector = new Array<number>(dims).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193) >>> 0;
    vector[hash % dims] += 1;
  }
  const norm = Math.hypot(...vector);
  if (norm === 0) vector[0] = 1;
  return norm === 0 ? vector : vector.map((v) => v / norm);
}

export function embeddingsResponse(model: string, inputs: string[], base64: boolean) {
  const data = inputs.map((input, index) => {
    const vector = embedText(input);
    const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  const tokens = inputs.reduce((n, t) => n + Math.ceil(t.length / 4), 0);
  return { object: 'list', model, data, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}
