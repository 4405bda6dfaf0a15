export interface SseEvent {
  event: string;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test helper: events are asserted field by field
}

/** Reads Server-Sent Events from a response body, optionally stopping early. */
export async function readSse(res: Response, until?: (e: SseEvent, all: SseEvent[]) => boolean): Promise<SseEvent[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let index: number;
    while ((index = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, index);
      buffer = buffer.slice(index + 2);
      if (frame.startsWith(':')) continue;
      const name = /^event: (.*)$/m.exec(frame)?.[1] ?? 'message';
      const data = frame
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      const event = { event: name, data: data ? JSON.parse(data) : null };
      events.push(event);
      if (until?.(event, events)) {
        await reader.cancel().catch(() => {});
        return events;
      }
    }
  }
  return events;
}

export function answerText(events: SseEvent[]): string {
  let text = '';
  for (const e of events) {
    if (e.event === 'snapshot') text = e.data.text;
    if (e.event === 'reset') text = '';
    if (e.event === 'token' && e.data.offset <= text.length) text += e.data.text.slice(text.length - e.data.offset);
  }
  return text;
}
