'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { Suspense, type ReactNode } from 'react';
import { ConsentProvider } from '@/components/privacy/consent-provider';
import type { ConsentData } from '@/components/privacy/types';
import { SessionList } from './session-list';
import { SessionsProvider, useSessions } from './sessions-provider';

/** Conversation list beside the open conversation; on a phone they are separate screens. */
export function ChatWorkspace({ consent, children }: { consent: ConsentData; children: ReactNode }) {
  return (
    <ConsentProvider initial={consent}>
      {/* The list loads in an effect: inside the boundary, so it cannot change what the boundary
          hydrates against (the server rendered the loading state). */}
      <Suspense>
        <SessionsProvider>
          <Panes>{children}</Panes>
        </SessionsProvider>
      </Suspense>
    </ConsentProvider>
  );
}

export function activeSessionId(pathname: string): string | null {
  const match = /^\/chat\/([^/]+)/.exec(pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

function Panes({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const { sessions, status } = useSessions();
  const activeId = activeSessionId(pathname);
  // Phone: /chat is the list, unless there is nothing to list yet; /chat?new=1 and /chat/<id> the conversation.
  const showConversation = activeId !== null || search.has('new') || (status === 'ready' && sessions.length === 0);
  return (
    <div className="flex h-full min-h-0">
      <aside
        aria-label="Your conversations"
        className={`${showConversation ? 'hidden' : 'flex'} w-full min-w-0 flex-col bg-white md:flex md:w-72 md:shrink-0 md:border-r md:border-slate-200 lg:w-80`}
        data-testid="session-pane"
      >
        <SessionList activeId={activeId} />
      </aside>
      <section className={`${showConversation ? 'flex' : 'hidden'} min-w-0 flex-1 flex-col md:flex`} data-testid="conversation-pane">
        {children}
      </section>
    </div>
  );
}
