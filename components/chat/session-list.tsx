'use client';

import Link from 'next/link';
import { Button, buttonStyles } from '@/components/ui/button';
import { ChatIcon, PlusIcon, RefreshIcon } from '@/components/ui/icons';
import { relativeTime } from '@/lib/client/chat/format';
import type { SessionView } from '@/lib/conversations/views';
import { NotifyControl, unreadLabel, useUnread } from '@/components/shell/unread-provider';
import { useSessions } from './sessions-provider';
import { useNow } from './use-online';

const DOT = { open: 'bg-amber-500', acknowledged: 'bg-brand-500', resolved: 'bg-emerald-500' } as const;

/** The technician's conversations, newest first, with the button to start a new one. */
export function SessionList({ activeId }: { activeId: string | null }) {
  const { sessions, status, error, reload } = useSessions();
  const now = useNow(60_000);
  const unread = useUnread().sessions;

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="border-b border-slate-200 p-3">
        <h1 className="px-1 pb-3 text-base font-semibold text-slate-900 md:sr-only">Conversations</h1>
        <Link href="/chat?new=1" className={`${buttonStyles.primary} w-full`} data-testid="new-conversation">
          <PlusIcon className="h-4 w-4" />
          New conversation
        </Link>
        <NotifyControl />
      </div>

      <nav aria-label="Conversations" className="min-h-0 flex-1 overflow-y-auto p-2">
        {status === 'loading' ? (
          <ListSkeleton />
        ) : status === 'error' ? (
          <div role="alert" className="px-3 py-8 text-center text-sm text-slate-600">
            <p>We couldn&apos;t load your conversations.</p>
            {error ? <p className="mt-1 text-xs text-slate-500">{error}</p> : null}
            <Button variant="secondary" onClick={() => void reload()} className="mt-4">
              <RefreshIcon className="h-4 w-4" />
              Try again
            </Button>
          </div>
        ) : sessions.length === 0 ? (
          <div className="px-4 py-10 text-center text-sm text-slate-500">
            <ChatIcon className="mx-auto mb-2 h-6 w-6 text-slate-300" />
            Your conversations will appear here.
          </div>
        ) : (
          <ul className="space-y-0.5" data-testid="session-list">
            {sessions.map((s) => (
              <li key={s.id}>
                <SessionItem session={s} active={s.id === activeId} now={now} unread={unread[s.id] ?? 0} />
              </li>
            ))}
          </ul>
        )}
      </nav>
    </div>
  );
}

function SessionItem({ session: s, active, now, unread }: { session: SessionView; active: boolean; now: number; unread: number }) {
  const escalation = s.escalation && s.escalation.status !== 'resolved' ? s.escalation : null;
  const machine = [s.machineModel, s.serialNumber ? `SN ${s.serialNumber}` : null].filter(Boolean).join(' · ');
  return (
    <Link
      href={`/chat/${s.id}`}
      prefetch={false}
      aria-current={active ? 'page' : undefined}
      // The open conversation may be mid-answer: don't remount it.
      onClick={(e) => active && e.preventDefault()}
      data-testid="session-item"
      className={`block rounded-lg px-3 py-2.5 ${active ? 'bg-brand-50 ring-1 ring-brand-100' : 'hover:bg-slate-100'}`}
    >
      <div className="flex items-baseline justify-between gap-2">
        <span className={`truncate text-sm ${unread ? 'font-semibold' : 'font-medium'} ${active ? 'text-brand-700' : 'text-slate-900'}`}>
          {s.title || 'New conversation'}
        </span>
        <time dateTime={s.lastMessageAt} className="shrink-0 text-xs text-slate-500">
          {relativeTime(s.lastMessageAt, new Date(now))}
        </time>
      </div>
      <div className="mt-0.5 flex items-center justify-between gap-2">
        <span className="truncate text-xs text-slate-500">{machine || 'No machine set'}</span>
        {unread ? (
          <span
            className="ml-auto shrink-0 rounded-full bg-emerald-600 px-1.5 text-xs leading-5 font-semibold text-white"
            data-testid="unread-badge"
          >
            <span aria-hidden>{unread}</span>
            <span className="sr-only">{unreadLabel(unread)}</span>
          </span>
        ) : null}
        {escalation ? (
          <span
            className="flex shrink-0 items-center gap-1 text-xs text-slate-500"
            title={`Escalation #${escalation.reference} · ${escalation.status}`}
          >
            <span aria-hidden className={`h-2 w-2 rounded-full ${DOT[escalation.status]}`} />
            <span className="sr-only">Escalation {escalation.status}</span>#{escalation.reference}
          </span>
        ) : null}
      </div>
    </Link>
  );
}

function ListSkeleton() {
  return (
    <ul aria-hidden className="space-y-1 p-1">
      {[70, 55, 80, 45, 60].map((w, i) => (
        <li key={i} className="animate-pulse rounded-lg px-2 py-2.5">
          <div className="h-3.5 rounded bg-slate-200" style={{ width: `${w}%` }} />
          <div className="mt-2 h-2.5 w-1/3 rounded bg-slate-100" />
        </li>
      ))}
    </ul>
  );
}
