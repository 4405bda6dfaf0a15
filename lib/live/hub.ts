import 'server-only';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { errorSummary, log } from '@/lib/log';
import { singleton } from '@/lib/singleton';
import { store, type Store } from '@/lib/store';
import type { LiveEvent, UserEvent } from './events';

const TEXT_TTL_SECONDS = 60 * 60;
/** Answer text reaches the store (other instances, readers joining later) in batches at most this far apart. */
const TEXT_FLUSH_MS = 25;

const keys = {
  channel: (sessionId: string) => `session:${sessionId}`,
  stop: 'chat:stop',
  generating: (sessionId: string) => `session:${sessionId}:generating`,
  watchers: (sessionId: string) => `session:${sessionId}:watched`,
  text: (messageId: string) => `answer:${messageId}:text`,
  user: (userId: string) => `user:${userId}`,
};

type Listener = (event: LiveEvent) => void;

interface PendingText {
  sessionId: string;
  offset: number;
  text: string;
}

/**
 * Live events of conversations. Readers on this instance get every event at once, in process;
 * the store carries them to other instances (answer text in short batches, appended to the
 * stored text and announced in one step, so a reader that subscribes and then reads the stored
 * text misses nothing). Events from the store that this instance sent itself are skipped.
 */
export class LiveHub {
  private readonly bus = new EventEmitter();
  /** Answers written on this instance: session → message, and the text so far. */
  private readonly generating = new Map<string, string>();
  private readonly texts = new Map<string, string>();
  private readonly pending = new Map<string, PendingText>();
  private flushTimer: NodeJS.Timeout | null = null;
  private stopListener: { on: Store; ready: Promise<unknown> } | null = null;
  private onStop: (sessionId: string) => void = () => {};

  constructor(
    private readonly shared: () => Store,
    readonly instance = randomUUID(),
  ) {
    this.bus.setMaxListeners(0);
  }

  private get remote(): boolean {
    return this.shared().mode === 'redis';
  }

  private envelope(event: LiveEvent): string {
    return JSON.stringify({ from: this.instance, event });
  }

  private deliver(sessionId: string, event: LiveEvent): void {
    for (const listener of this.bus.listeners(keys.channel(sessionId)) as Listener[]) {
      try {
        listener(event);
      } catch (error) {
        log().warn({ err: errorSummary(error), sessionId }, 'live reader failed');
      }
    }
  }

  /** Sends the batched text of one answer to the store (appended and announced together). */
  private flushText(messageId: string): Promise<void> {
    const p = this.pending.get(messageId);
    if (!p) return Promise.resolve();
    this.pending.delete(messageId);
    const event: LiveEvent = { type: 'token', messageId, text: p.text, offset: p.offset };
    return this.shared()
      .appendAndPublish(keys.text(messageId), p.text, TEXT_TTL_SECONDS, keys.channel(p.sessionId), this.envelope(event))
      .catch((error) => log().warn({ err: errorSummary(error), messageId }, 'answer text not shared'));
  }

  private flushSession(sessionId: string): Promise<void>[] {
    const out: Promise<void>[] = [];
    for (const [messageId, p] of this.pending) if (p.sessionId === sessionId) out.push(this.flushText(messageId));
    return out;
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      for (const messageId of [...this.pending.keys()]) void this.flushText(messageId);
    }, TEXT_FLUSH_MS);
  }

  async publish(sessionId: string, event: LiveEvent): Promise<void> {
    this.deliver(sessionId, event);
    if (!this.remote) return;
    // Text still batched goes first, so other instances see events in the order they happened.
    const flushed = this.flushSession(sessionId);
    await Promise.all([...flushed, this.shared().publish(keys.channel(sessionId), this.envelope(event))]);
  }

  /** New answer text: readers here get it now, the store within TEXT_FLUSH_MS. */
  publishToken(sessionId: string, messageId: string, text: string, offset: number): void {
    this.texts.set(messageId, (this.texts.get(messageId) ?? '') + text);
    this.deliver(sessionId, { type: 'token', messageId, text, offset });
    if (!this.remote) return;
    const p = this.pending.get(messageId);
    if (p && p.offset + p.text.length === offset) p.text += text;
    else {
      if (p) void this.flushText(messageId);
      this.pending.set(messageId, { sessionId, offset, text });
    }
    this.scheduleFlush();
  }

  async resetText(sessionId: string, messageId: string): Promise<void> {
    this.pending.delete(messageId);
    if (this.texts.has(messageId)) this.texts.set(messageId, '');
    if (this.remote) await this.shared().set(keys.text(messageId), '', TEXT_TTL_SECONDS);
    await this.publish(sessionId, { type: 'reset', messageId });
  }

  async markGenerating(sessionId: string, messageId: string, ttlSeconds: number): Promise<void> {
    if (this.generating.get(sessionId) !== messageId) {
      this.generating.set(sessionId, messageId);
      if (!this.texts.has(messageId)) this.texts.set(messageId, '');
    }
    await Promise.all([this.shared().set(keys.generating(sessionId), messageId, ttlSeconds), this.listenForStops()]);
  }

  async clearGenerating(sessionId: string, messageId: string): Promise<void> {
    await Promise.all(this.flushSession(sessionId));
    if (this.generating.get(sessionId) === messageId) this.generating.delete(sessionId);
    this.texts.delete(messageId);
    const s = this.shared();
    if ((await s.get(keys.generating(sessionId))) === messageId) await s.del(keys.generating(sessionId));
    await s.del(keys.text(messageId));
  }

  /** The answer being written in a conversation and its text so far, wherever it is written. */
  async currentGeneration(sessionId: string): Promise<{ messageId: string; text: string } | null> {
    const here = this.generating.get(sessionId);
    if (here !== undefined) return { messageId: here, text: this.texts.get(here) ?? '' };
    const s = this.shared();
    const messageId = await s.get(keys.generating(sessionId));
    if (!messageId) return null;
    return { messageId, text: (await s.get(keys.text(messageId))) ?? '' };
  }

  /**
   * Follows a conversation: events from this instance at once, from others through the store.
   * With `confirmed` (readers that then read a snapshot), it returns once the store's subscription
   * is in place; without it, events from other instances start a moment later.
   */
  async subscribe(sessionId: string, onEvent: Listener, { confirmed = true } = {}): Promise<() => Promise<void>> {
    const channel = keys.channel(sessionId);
    this.bus.on(channel, onEvent);
    const shared = this.remote
      ? this.shared().subscribe(channel, (raw) => {
          let message: { from?: string; event?: LiveEvent };
          try {
            message = JSON.parse(raw);
          } catch {
            return; // not ours
          }
          if (message.from !== this.instance && message.event) onEvent(message.event);
        })
      : null;
    if (shared && confirmed) {
      try {
        await shared;
      } catch (error) {
        this.bus.off(channel, onEvent);
        throw error;
      }
    } else {
      shared?.catch((error) => log().warn({ err: errorSummary(error), sessionId }, 'live events from other instances not followed'));
    }
    return async () => {
      this.bus.off(channel, onEvent);
      const unsubscribe = await shared?.catch(() => null);
      await unsubscribe?.();
    };
  }

  /** Asks whichever instance writes the conversation's answer to stop it. */
  async requestStop(sessionId: string): Promise<void> {
    if (this.generating.has(sessionId)) this.onStop(sessionId);
    else if (this.remote) await this.shared().publish(keys.stop, sessionId);
  }

  /** What to do when a stop is requested for a conversation whose answer is written here. */
  handleStops(onStop: (sessionId: string) => void): void {
    this.onStop = onStop;
  }

  private listenForStops(): Promise<unknown> {
    const shared = this.shared();
    if (shared.mode !== 'redis') return Promise.resolve();
    if (this.stopListener?.on !== shared) {
      const ready = shared
        .subscribe(keys.stop, (sessionId) => {
          if (this.generating.has(sessionId)) this.onStop(sessionId);
        })
        .catch((error) => {
          this.stopListener = null;
          log().warn({ err: errorSummary(error) }, 'stop requests from other instances not followed');
        });
      this.stopListener = { on: shared, ready };
    }
    return this.stopListener.ready;
  }

  /** The message id of the answer written here for a conversation, if any. */
  localGeneration(sessionId: string): string | undefined {
    return this.generating.get(sessionId);
  }

  /** An event for every open tab of one user (e.g. unread support replies), on every instance. */
  async publishToUser(userId: string, event: UserEvent): Promise<void> {
    const channel = keys.user(userId);
    for (const listener of this.bus.listeners(channel) as ((e: UserEvent) => void)[]) {
      try {
        listener(event);
      } catch (error) {
        log().warn({ err: errorSummary(error), userId }, 'live reader failed');
      }
    }
    if (this.remote) await this.shared().publish(channel, JSON.stringify({ from: this.instance, event }));
  }

  /** Follows one user's events; returns once the store's subscription is in place. */
  async subscribeUser(userId: string, onEvent: (event: UserEvent) => void): Promise<() => Promise<void>> {
    const channel = keys.user(userId);
    this.bus.on(channel, onEvent);
    let unsubscribe: (() => Promise<void>) | null = null;
    if (this.remote) {
      try {
        unsubscribe = await this.shared().subscribe(channel, (raw) => {
          let message: { from?: string; event?: UserEvent };
          try {
            message = JSON.parse(raw);
          } catch {
            return; // not ours
          }
          if (message.from !== this.instance && message.event) onEvent(message.event);
        });
      } catch (error) {
        this.bus.off(channel, onEvent);
        throw error;
      }
    }
    return async () => {
      this.bus.off(channel, onEvent);
      await unsubscribe?.();
    };
  }

  async touchWatch(sessionId: string, ttlSeconds: number): Promise<void> {
    await this.shared().set(keys.watchers(sessionId), '1', ttlSeconds);
  }

  async isWatched(sessionId: string): Promise<boolean> {
    return (await this.shared().get(keys.watchers(sessionId))) !== null;
  }
}

/** This instance's hub. */
export function liveHub(): LiveHub {
  return singleton('fixlineLive', () => new LiveHub(store));
}

export const publish = (sessionId: string, event: LiveEvent) => liveHub().publish(sessionId, event);
export const subscribe = (sessionId: string, onEvent: Listener, options?: { confirmed?: boolean }) =>
  liveHub().subscribe(sessionId, onEvent, options);
