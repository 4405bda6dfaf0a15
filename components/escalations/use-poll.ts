'use client';

import { useEffect, useRef } from 'react';

/**
 * Calls `refresh` every `ms` while the page is visible, and at once when it becomes visible
 * again, so the inbox stays current without a reload.
 */
export function usePoll(refresh: () => Promise<void>, ms: number) {
  const latest = useRef(refresh);
  useEffect(() => {
    latest.current = refresh;
  }, [refresh]);

  useEffect(() => {
    let busy = false;
    const tick = async () => {
      if (busy || document.visibilityState !== 'visible') return;
      busy = true;
      try {
        await latest.current();
      } catch {
        // A missed refresh is retried on the next tick.
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void tick(), ms);
    const onVisible = () => void tick();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [ms]);
}
