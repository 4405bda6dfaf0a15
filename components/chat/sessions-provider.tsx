'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useUnread } from '@/components/shell/unread-provider';
import { chatApi } from '@/lib/client/chat/api';
import type { SessionView } from '@/lib/conversations/views';

interface SessionsValue {
  sessions: SessionView[];
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  reload: () => Promise<void>;
  /** Adds or updates a conversation (e.g. after a rename or a new message). */
  upsert: (session: SessionView) => void;
  remove: (id: string) => void;
  /** Machine models the manuals cover, for the machine field's suggestions. */
  models: string[];
}

const SessionsContext = createContext<SessionsValue | null>(null);

const newestFirst = (a: SessionView, b: SessionView) => Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt);

export function SessionsProvider({ children }: { children: ReactNode }) {
  const [sessions, setSessions] = useState<SessionView[]>([]);
  const [status, setStatus] = useState<SessionsValue['status']>('loading');
  const [error, setError] = useState<string | null>(null);
  const [models, setModels] = useState<string[]>([]);

  const reload = useCallback(
    () =>
      chatApi.listSessions().then(
        (list) => {
          // A list entry without its escalation keeps the one this tab has seen live.
          setSessions((prev) =>
            list
              .map((s) => (s.escalation ? s : { ...s, escalation: prev.find((p) => p.id === s.id)?.escalation ?? null }))
              .sort(newestFirst),
          );
          setStatus('ready');
          setError(null);
        },
        (e: unknown) => {
          setError((e as Error).message);
          setStatus((s) => (s === 'ready' ? s : 'error'));
        },
      ),
    [],
  );

  useEffect(() => {
    void reload();
    void chatApi.models().then(setModels);
    // Other conversations change too (support replies, escalation status): refresh when the
    // technician comes back to the tab, and now and then while it is visible.
    const onFocus = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    document.addEventListener('visibilitychange', onFocus);
    const timer = setInterval(onFocus, 60_000);
    return () => {
      document.removeEventListener('visibilitychange', onFocus);
      clearInterval(timer);
    };
  }, [reload]);

  // A support reply moves its conversation up the list.
  const lastReply = useUnread().lastReply;
  useEffect(() => {
    if (lastReply) void reload();
  }, [lastReply, reload]);

  const upsert = useCallback((session: SessionView) => {
    setSessions((list) => {
      const old = list.find((s) => s.id === session.id);
      const merged = old ? { ...old, ...session, escalation: session.escalation ?? old.escalation } : session;
      if (old && JSON.stringify(old) === JSON.stringify(merged)) return list;
      return [merged, ...list.filter((s) => s.id !== session.id)].sort(newestFirst);
    });
    setStatus('ready');
  }, []);

  const remove = useCallback((id: string) => setSessions((list) => list.filter((s) => s.id !== id)), []);

  const value = useMemo(
    () => ({ sessions, status, error, reload, upsert, remove, models }),
    [sessions, status, error, reload, upsert, remove, models],
  );
  return <SessionsContext value={value}>{children}</SessionsContext>;
}

export function useSessions(): SessionsValue {
  const value = useContext(SessionsContext);
  if (!value) throw new Error('useSessions must be used inside <SessionsProvider>');
  return value;
}
