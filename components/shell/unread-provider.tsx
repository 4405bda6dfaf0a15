'use client';

import { usePathname, useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { chatApi, type UnreadCounts } from '@/lib/client/chat/api';
import { reconnectDelay } from '@/lib/client/reconnect';
import type { ReplyNotice } from '@/lib/live/events';

interface UnreadValue extends UnreadCounts {
  /** The latest support reply heard live (the conversation list refreshes on it). */
  lastReply: ReplyNotice | null;
}

const EMPTY: UnreadValue = { sessions: {}, total: 0, lastReply: null };
const UnreadContext = createContext<UnreadValue>(EMPTY);

const activeConversation = (pathname: string) => /^\/chat\/([^/?#]+)/.exec(pathname)?.[1] ?? null;
const isVisible = () => typeof document === 'undefined' || document.visibilityState === 'visible';

function parse(raw: string): (UnreadCounts & { reply?: ReplyNotice }) | null {
  try {
    const data = JSON.parse(raw) as { sessions?: unknown; total?: unknown; reply?: ReplyNotice };
    if (!data.sessions || typeof data.sessions !== 'object' || typeof data.total !== 'number') return null;
    return { sessions: data.sessions as Record<string, number>, total: data.total, reply: data.reply };
  } catch {
    return null;
  }
}

/**
 * Unread support replies for the signed-in user, live on every page: the counts for the nav and
 * the conversation list, the open conversation marked read while it is in view, and a browser
 * notification for a reply the technician is not looking at (when they allowed notifications).
 */
export function UnreadProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [value, setValue] = useState<UnreadValue>(EMPTY);
  const [visible, setVisible] = useState(true);
  const [announcement, setAnnouncement] = useState('');
  const pathname = usePathname();
  const router = useRouter();
  const activeId = activeConversation(pathname);
  const activeRef = useRef(activeId);
  const marking = useRef<string | null>(null);

  useEffect(() => {
    activeRef.current = activeId;
  }, [activeId]);

  const onReply = useCallback(
    (reply: ReplyNotice) => {
      const looking = isVisible() && activeRef.current === reply.sessionId;
      if (looking) return;
      setAnnouncement(`New reply from support in “${reply.title}”.`);
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      const n = new Notification(`Support replied: ${reply.title}`, {
        body: `${reply.authorName ?? 'Support'}: ${reply.preview}`,
        tag: `fixline-reply-${reply.sessionId}`,
      });
      n.onclick = () => {
        window.focus();
        router.push(`/chat/${reply.sessionId}`);
        n.close();
      };
    },
    [router],
  );

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let closed = false;
    const connect = () => {
      if (closed) return;
      const es = new EventSource('/api/sessions/unread/stream', { withCredentials: true });
      source = es;
      es.onopen = () => {
        failures = 0;
      };
      es.addEventListener('unread', (e) => {
        const data = e instanceof MessageEvent && typeof e.data === 'string' ? parse(e.data) : null;
        if (!data) return;
        setValue((v) => ({ sessions: data.sessions, total: data.total, lastReply: data.reply ?? v.lastReply }));
        if (data.reply) onReply(data.reply);
      });
      es.onerror = () => {
        // CONNECTING: the browser retries by itself. CLOSED (e.g. a 5xx): retry with backoff.
        if (es.readyState !== EventSource.CLOSED) return;
        es.close();
        failures++;
        timer = setTimeout(connect, reconnectDelay(failures));
      };
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [enabled, onReply]);

  useEffect(() => {
    const onChange = () => setVisible(isVisible());
    onChange();
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);

  // The conversation on screen is read; one in a background tab waits until the tab is seen.
  const activeUnread = activeId ? (value.sessions[activeId] ?? 0) : 0;
  useEffect(() => {
    if (!enabled || !visible || !activeId || activeUnread === 0 || marking.current === activeId) return;
    marking.current = activeId;
    chatApi
      .markRead(activeId)
      .then((counts) => setValue((v) => ({ ...v, ...counts })))
      .catch(() => {})
      .finally(() => {
        marking.current = null;
      });
  }, [enabled, visible, activeId, activeUnread]);

  return (
    <UnreadContext value={value}>
      {children}
      <div aria-live="polite" className="sr-only" data-testid="unread-announcement">
        {announcement}
      </div>
    </UnreadContext>
  );
}

export function useUnread(): UnreadValue {
  return useContext(UnreadContext);
}

/** "2 unread replies from support", for screen readers beside a number shown as a badge. */
export function unreadLabel(n: number): string {
  return `${n} unread ${n === 1 ? 'reply' : 'replies'} from support`;
}

type Permission = NotificationPermission | 'unsupported';

// The permission has no change event everywhere: it is read on render, and after the request.
const noSubscription = () => () => {};
const browserPermission = (): Permission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

/** Asks for notification permission only when the technician presses it (never on page load). */
export function NotifyControl() {
  const current = useSyncExternalStore<Permission>(noSubscription, browserPermission, () => 'unsupported');
  const [answered, setAnswered] = useState<Permission | null>(null);
  const permission = answered ?? current;
  if (permission !== 'default') return null;
  return (
    <button
      type="button"
      onClick={() => void Notification.requestPermission().then(setAnswered)}
      className="mt-2 w-full rounded-md px-2 py-1.5 text-xs font-medium text-brand-700 hover:bg-brand-50"
      data-testid="enable-notifications"
    >
      Notify me when support replies
    </button>
  );
}
