import 'server-only';
import type { LiveEvent } from '@/lib/live/events';
import { publish } from '@/lib/live/hub';
import { log } from '@/lib/log';

/** Sends events to the technician's open chat; a store hiccup must not undo a committed change. */
export async function publishAll(sessionId: string, events: LiveEvent[]): Promise<void> {
  for (const event of events) {
    try {
      await publish(sessionId, event);
    } catch (error) {
      log().warn({ err: (error as Error).message, sessionId, event: event.type }, 'live event not published');
    }
  }
}
