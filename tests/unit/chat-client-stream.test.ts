import { afterEach, describe, expect, it, vi } from 'vitest';
import { streamChat } from '@/lib/client/chat/post-stream';
import type { StreamEvent } from '@/lib/live/events';

function sseBody(chunks: string[]) {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(encoder.encode(chunk));
      c.close();
    },
  });
}

function mockFetch(response: Response | Error) {
  const fn = vi.fn(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fn);
  return fn;
}

afterEach(() => vi.unstubAllGlobals());

describe('streamChat', () => {
  it('posts JSON and reads the events until done', async () => {
    const fetchMock = mockFetch(
      new Response(
        sseBody([
          'event: session\ndata: {"sessionId":"s1","userMessageId":"u1","assistantMessageId":"a1","title":"T","created":true}\n\n',
          ': ping\n\nevent: token\ndata: {"messageId":"a1","text":"Hel',
          'lo","offset":0}\n\nevent: done\ndata: {"messageId":"a1","status":"complete","mode":"ai"}\n\n',
        ]),
        { headers: { 'content-type': 'text/event-stream' } },
      ),
    );
    const events: StreamEvent[] = [];
    const result = await streamChat({ message: 'hi', machineModel: 'KX' }, (e) => events.push(e), new AbortController().signal);
    expect(result).toEqual({ ok: true, started: true, finished: true });
    expect(events.map((e) => e.type)).toEqual(['session', 'token', 'done']);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/chat');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"message":"hi","machineModel":"KX"}' });
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('reports a stream that ended without done', async () => {
    mockFetch(
      new Response(
        sseBody(['event: session\ndata: {"sessionId":"s1"}\n\nevent: token\ndata: {"messageId":"a1","text":"x","offset":0}\n\n']),
      ),
    );
    expect(await streamChat({ sessionId: 's1', regenerate: true }, () => {}, new AbortController().signal)).toEqual({
      ok: true,
      started: true,
      finished: false,
    });
  });

  it('turns refusals into ApiError with the Retry-After seconds', async () => {
    mockFetch(Response.json({ error: { code: 'rate_limited', message: 'Slow down.' } }, { status: 429, headers: { 'retry-after': '17' } }));
    const result = await streamChat({ message: 'hi' }, () => {}, new AbortController().signal);
    expect(result.ok).toBe(false);
    expect('error' in result && result.error).toMatchObject({ status: 429, code: 'rate_limited', message: 'Slow down.', retryAfter: 17 });
  });

  it('gives a friendly message when the error body is not JSON, and flags network failures', async () => {
    mockFetch(new Response('<html>Bad gateway</html>', { status: 502 }));
    const bad = await streamChat({ message: 'hi' }, () => {}, new AbortController().signal);
    expect('error' in bad && bad.error.message).toBe('Fixline is having trouble right now. Try again in a moment.');
    mockFetch(new TypeError('Failed to fetch'));
    expect(await streamChat({ message: 'hi' }, () => {}, new AbortController().signal)).toEqual({ ok: false, network: true });
  });
});
