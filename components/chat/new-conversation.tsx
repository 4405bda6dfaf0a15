'use client';

import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { activeSessionId } from './chat-workspace';
import { Conversation } from './conversation';

/**
 * `/chat`: a conversation that does not exist yet. Sending the first message creates it and moves
 * the address to `/chat/<id>` without remounting; coming back to `/chat` starts afresh.
 *
 * Back and Forward can bring the browser to a `/chat/<id>` entry that still holds this page
 * (the address was moved, the page stayed): that conversation is then opened like any other,
 * unless it is the one being written here.
 */
export function NewConversation() {
  const pathname = usePathname();
  const previous = useRef(pathname);
  const [round, setRound] = useState(0);
  const [created, setCreated] = useState<{ round: number; id: string } | null>(null);
  useEffect(() => {
    if (pathname === '/chat' && previous.current !== '/chat') setRound((r) => r + 1);
    previous.current = pathname;
  }, [pathname]);
  const onCreated = useCallback((id: string) => setCreated({ round, id }), [round]);
  const shown = activeSessionId(pathname);
  const ours = created?.round === round ? created.id : null;
  if (shown && shown !== ours) return <Conversation key={`open-${shown}`} sessionId={shown} />;
  return <Conversation key={round} sessionId={null} onCreated={onCreated} />;
}
