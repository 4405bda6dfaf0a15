'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { ArrowLeftIcon, HeadsetIcon, MoreIcon, PencilIcon, TrashIcon } from '@/components/ui/icons';
import type { SessionView } from '@/lib/conversations/views';

interface Props {
  session: SessionView | null;
  /** Phone only: back to the list (pointless when there is nothing in it). */
  showBack: boolean;
  onRename: (title: string) => Promise<string | null>;
  onDelete: () => void;
  onEscalate: () => void;
}

/** Title (click to rename), machine, and the conversation's menu; a back button on a phone. */
export function ConversationHeader({ session, showBack, onRename, onDelete, onEscalate }: Props) {
  const [editing, setEditing] = useState(false);
  const machine = session
    ? [session.machineModel, session.serialNumber ? `SN ${session.serialNumber}` : null].filter(Boolean).join(' · ')
    : '';
  const escalated = Boolean(session?.escalation && session.escalation.status !== 'resolved');

  return (
    <header className="flex items-center gap-2 border-b border-slate-200 bg-white px-2 py-2 sm:px-4 md:min-h-[57px]">
      {showBack ? (
        <Link href="/chat" className="rounded-md p-2 text-slate-600 hover:bg-slate-100 md:hidden" aria-label="Back to conversations">
          <ArrowLeftIcon className="h-5 w-5" />
        </Link>
      ) : null}
      <div className={`min-w-0 flex-1 ${showBack ? 'pl-1' : 'pl-2'} md:pl-1`}>
        {session && editing ? (
          <TitleEditor
            initial={session.title}
            onDone={async (title) => {
              if (title === null || title === session.title) return setEditing(false);
              const error = await onRename(title);
              if (!error) setEditing(false);
              return error;
            }}
          />
        ) : session ? (
          <h2 className="flex min-w-0">
            <button
              type="button"
              onClick={() => setEditing(true)}
              title="Rename"
              className="group -mx-1 flex min-w-0 max-w-full items-center gap-1.5 rounded px-1 text-left text-[15px] font-semibold text-slate-900 hover:bg-slate-100"
              data-testid="conversation-title"
            >
              <span className="truncate">{session.title || 'New conversation'}</span>
              <PencilIcon className="h-3.5 w-3.5 shrink-0 text-slate-400 opacity-0 group-hover:opacity-100 group-focus-visible:opacity-100" />
            </button>
          </h2>
        ) : (
          <h2 className="truncate text-[15px] font-semibold text-slate-900" data-testid="conversation-title">
            New conversation
          </h2>
        )}
        <p className="truncate text-xs text-slate-500">
          {session ? machine || 'No machine set' : 'Answers from the manuals, with the page'}
        </p>
      </div>
      {session ? (
        <Menu
          items={[
            { label: 'Rename', icon: <PencilIcon className="h-4 w-4" />, onSelect: () => setEditing(true) },
            {
              label: escalated ? 'Escalated to support' : 'Escalate to support',
              icon: <HeadsetIcon className="h-4 w-4" />,
              onSelect: onEscalate,
              disabled: escalated,
            },
            { label: 'Delete', icon: <TrashIcon className="h-4 w-4" />, onSelect: onDelete, danger: true },
          ]}
        />
      ) : null}
    </header>
  );
}

function TitleEditor({ initial, onDone }: { initial: string; onDone: (title: string | null) => Promise<string | null | void> }) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const done = useRef(false);
  const finish = async (title: string | null) => {
    if (done.current) return;
    done.current = true;
    const trimmed = title?.trim() ?? null;
    const err = await onDone(trimmed ? trimmed : null);
    if (err) {
      done.current = false;
      setError(err);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void finish(value);
      }}
    >
      <label htmlFor="conversation-title-input" className="sr-only">
        Conversation title
      </label>
      <input
        id="conversation-title-input"
        autoFocus
        value={value}
        maxLength={120}
        onChange={(e) => setValue(e.target.value)}
        onFocus={(e) => e.currentTarget.select()}
        onBlur={() => void finish(value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            void finish(null);
          }
        }}
        aria-invalid={Boolean(error) || undefined}
        className="-mx-1 w-full rounded border-0 px-1 py-0 text-[15px] font-semibold text-slate-900 ring-1 ring-brand-500 focus:ring-2 focus:ring-brand-500 focus:outline-none"
        data-testid="title-input"
      />
      {error ? <p className="text-xs text-red-700">{error}</p> : null}
    </form>
  );
}

interface MenuItem {
  label: string;
  icon: React.ReactNode;
  onSelect: () => void;
  danger?: boolean;
  disabled?: boolean;
}

function Menu({ items }: { items: MenuItem[] }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    root.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus();
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label="Conversation options"
        className="rounded-md p-2 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
      >
        <MoreIcon className="h-5 w-5" />
      </button>
      {open ? (
        <div role="menu" className="absolute right-0 z-20 mt-1 w-56 rounded-lg bg-white py-1 shadow-lg ring-1 ring-slate-200">
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              disabled={item.disabled}
              onClick={() => {
                setOpen(false);
                item.onSelect();
              }}
              className={`flex w-full items-center gap-2.5 px-3 py-2 text-left text-sm disabled:cursor-default disabled:opacity-50 ${item.danger ? 'text-red-700 hover:bg-red-50' : 'text-slate-700 hover:bg-slate-50'}`}
            >
              {item.icon}
              {item.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
