'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Conversation } from './conversation';

/**
 * `/chat`: a conversation that does not exist yet. Sending the first message creates it and moves
 * the address to `/chat/<id>` without remounting; coming back to `/chat` starts afresh.
 */
export function NewConversation() {
  const pathname = usePathname();
  const previous = useRef(pathname);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (pathname === '/chat' && previous.current !== '/chat') setRound((r) => r + 1);
    previous.current = pathname;
  }, [pathname]);
  return <Conversation key={round} sessionId={null} />;
}
