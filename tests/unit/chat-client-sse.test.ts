import { describe, expect, it } from 'vitest';
import { toStreamEvent } from '@/lib/client/chat/parse-event';
import { createSseParser, readEventStream, type SseMessage } from '@/lib/client/sse-parser';

function collect(chunks: string[]) {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const parser = createSseParser(
    (m) => messages.push(m),
    (c) => comments.push(c),
  );
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { messages, comments };
}

const STREAM = 'event: session\ndata: {"sessionId":"s1"}\n\n: ping\n\nevent: token\ndata: {"messageId":"m1","text":"Hé","offset":0}\n\n';

describe('SSE parser', () => {
  it('parses named events and skips comments', () => {
    const { messages, comments } = collect([STREAM]);
    expect(messages).toEqual([
      { event: 'session', data: '{"sessionId":"s1"}' },
      { event: 'token', data: '{"messageId":"m1","text":"Hé","offset":0}' },
    ]);
    expect(comments).toEqual(['ping']);
  });

  it('gives the same events whatever the chunk boundaries', () => {
    const whole = collect([STREAM]).messages;
    for (let size = 1; size <= 7; size++) {
      const chunks = STREAM.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!;
      expect(collect(chunks).messages).toEqual(whole);
    }
    for (let cut = 0; cut <= STREAM.length; cut++) expect(collect([STREAM.slice(0, cut), STREAM.slice(cut)]).messages).toEqual(whole);
  });

  it('joins multi-line data with newlines and defaults the event name to "message"', () => {
    const { messages } = collect(['data: first\ndata: second\ndata:third\n\n']);
    expect(messages).toEqual([{ event: 'message', data: 'first\nsecond\nthird' }]);
  });

  it('accepts CRLF and CR line ends, also split between chunks', () => {
    const crlf = collect(['event: a\r', '\ndata: 1\r\n\r', '\nevent: b\rdata: 2\r\r']).messages;
    expect(crlf).toEqual([
      { event: 'a', data: '1' },
      { event: 'b', data: '2' },
    ]);
  });

  it('ignores events without data, unknown fields, a BOM, and a trailing event without its blank line', () => {
    const { messages } = collect(['\uFEFFevent: empty\n\nretry: 1000\nfoo: bar\nid: 7\ndata\n\n', 'event: cut\ndata: {"partial"']);
    expect(messages).toEqual([{ event: 'message', data: '', id: '7' }]);
  });

  it('keeps only one leading space of a value and colons inside it', () => {
    const { messages } = collect(['data:  two spaces: yes\n\n']);
    expect(messages[0].data).toBe(' two spaces: yes');
  });

  it('reads a byte stream with multi-byte characters split across chunks', async () => {
    const bytes = new TextEncoder().encode('event: token\ndata: {"text":"Überdruck ✓"}\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 3) c.enqueue(bytes.slice(i, i + 3));
        c.close();
      },
    });
    const messages: SseMessage[] = [];
    await readEventStream(body, (m) => messages.push(m));
    expect(messages).toEqual([{ event: 'token', data: '{"text":"Überdruck ✓"}' }]);
  });

  it('stops reading when the signal aborts', async () => {
    const controller = new AbortController();
    let pull = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pull++;
        c.enqueue(new TextEncoder().encode(`data: ${pull}\n\n`));
        if (pull === 3) controller.abort();
        return new Promise((r) => setTimeout(r, 5));
      },
    });
    const messages: SseMessage[] = [];
    await readEventStream(body, (m) => messages.push(m), controller.signal);
    expect(messages.length).toBeGreaterThanOrEqual(2);
    expect(messages.length).toBeLessThanOrEqual(4);
  });
});

describe('chat events', () => {
  it('tells the POST stream opening from a live session update', () => {
    expect(toStreamEvent('session', '{"sessionId":"s","userMessageId":"u","assistantMessageId":"a","title":"T","created":true}')).toEqual({
      type: 'session',
      sessionId: 's',
      userMessageId: 'u',
      assistantMessageId: 'a',
      title: 'T',
      created: true,
    });
    expect(toStreamEvent('session', '{"session":{"id":"s"}}')).toEqual({ type: 'session', session: { id: 's' } });
  });

  it('keeps the escalation kind apart from the event type', () => {
    expect(toStreamEvent('escalation', '{"type":"offer","reason":"no_answer","message":"Escalate?"}')).toEqual({
      type: 'escalation',
      kind: 'offer',
      reason: 'no_answer',
      message: 'Escalate?',
      escalation: undefined,
    });
  });

  it('drops malformed and unknown events', () => {
    expect(toStreamEvent('token', 'not json')).toBeNull();
    expect(toStreamEvent('token', '{"messageId":"m","text":"x"}')).toBeNull();
    expect(toStreamEvent('whatever', '{}')).toBeNull();
    expect(toStreamEvent('error', '{}')).toMatchObject({ type: 'error', code: 'error' });
  });
});
