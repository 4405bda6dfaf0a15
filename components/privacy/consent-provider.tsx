'use client';

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { requestJson } from '@/lib/client/fetch';
import type { ConsentData } from './types';

interface ConsentGate {
  /** Null where nothing is gated (the composer outside the chat). */
  consent: ConsentData | null;
  granted: boolean;
  /** Consents to the version shown; resolves to an error message or null. */
  accept: () => Promise<string | null>;
}

const ConsentContext = createContext<ConsentGate>({ consent: null, granted: true, accept: async () => null });

/** The user's consent to AI processing, for the chat: the composer stays closed until it is given. */
export function ConsentProvider({ initial, children }: { initial: ConsentData; children: ReactNode }) {
  const [consent, setConsent] = useState(initial);
  const accept = useCallback(async () => {
    try {
      const res = await requestJson<{ consent: ConsentData }>('/api/me/consent', {
        method: 'POST',
        json: { version: consent.text.version },
      });
      setConsent(res.consent);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }, [consent.text.version]);
  const value = useMemo(() => ({ consent, granted: consent.granted, accept }), [consent, accept]);
  return <ConsentContext.Provider value={value}>{children}</ConsentContext.Provider>;
}

export function useConsentGate(): ConsentGate {
  return useContext(ConsentContext);
}
