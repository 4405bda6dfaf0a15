'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { chatApi, type ChatBody } from '@/lib/client/chat/api';
import { conversationReducer, initialConversation, type ConversationState } from '@/lib/client/chat/conversation-state';
import { loadStreams, openLiveStreamWhenLoaded, type Streams } from '@/lib/client/chat/load-streams';
import type { ChatRun } from '@/lib/client/chat/streams';
import { ApiError, NetworkError } from '@/lib/client/fetch';
import type { SessionView, Urgency } from '@/lib/conversations/views';
import { useSessions } from './sessions-provider';
import { useOnline } from './use-online';

export type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'missing' } | { status: 'error'; message: string };
export type ChatNotice = { kind: 'rate'; until: number } | { kind: 'busy' } | { kind: 'error'; message: string };

const localId = () => `local-${crypto.randomUUID()}`;
const errorMessage = (e: unknown) => (e instanceof Error ? e.message : 'Something went wrong. Try again.');

function noticeFor(error: ApiError): ChatNotice {
  if (error.status === 429) return { kind: 'rate', until: Date.now() + (error.retryAfter ?? 10) * 1000 };
  if (error.status === 409) return { kind: 'busy' };
  return { kind: 'error', message: error.message };
}

/**
 * One conversation in the browser: loads it, follows it live, sends messages and streams the
 * answers, stops and regenerates, and keeps everything in one reducer.
 */
export function useConversation(initialId: string | null, onCreated?: (id: string) => void) {
  const [state, dispatch] = useReducer(conversationReducer, initialConversation);
  const [sessionId, setSessionId] = useState(initialId);
  const [load, setLoad] = useState<LoadState>(initialId ? { status: 'loading' } : { status: 'ready' });
  const [notice, setNotice] = useState<ChatNotice | null>(null);
  const [sending, setSending] = useState(false);
  const [stopping, setStopping] = useState(false);
  const idRef = useRef(initialId);
  const stateRef = useRef<ConversationState>(state);
  const inflight = useRef<AbortController | null>(null);
  const stopWanted = useRef(false);
  const machineRef = useRef<{ model: string; serial: string }>({ model: '', serial: '' });
  const { upsert, remove } = useSessions();
  const router = useRouter();
  const online = useOnline();
  const createdRef = useRef(onCreated);

  useEffect(() => {
    stateRef.current = state;
    createdRef.current = onCreated;
  });

  const refresh = useCallback(async (signal?: AbortSignal) => {
    const id = idRef.current;
    if (!id) return;
    try {
      const detail = await chatApi.getSession(id, signal);
      dispatch({ type: 'loaded', detail });
      setLoad({ status: 'ready' });
    } catch (e) {
      if (signal?.aborted) return;
      if (e instanceof ApiError && e.status === 404) setLoad({ status: 'missing' });
      else setLoad((l) => (l.status === 'ready' ? l : { status: 'error', message: errorMessage(e) }));
    }
  }, []);

  // First load of an existing conversation.
  useEffect(() => {
    if (!initialId) return;
    const ac = new AbortController();
    void refresh(ac.signal);
    return () => ac.abort();
  }, [initialId, refresh]);

  // The streams' code is not part of the page: fetch it as soon as the page is up.
  useEffect(() => {
    void loadStreams().catch(() => {});
  }, []);

  // Live: answers written elsewhere (or after a reload), support replies, escalation status.
  const ready = load.status === 'ready';
  useEffect(() => {
    if (!sessionId || !ready) return;
    return openLiveStreamWhenLoaded(sessionId, {
      onEvent: (event) => {
        dispatch({ type: 'event', event });
        // An answer we only followed here (after a reload, or from another tab) may have had its
        // sources before we joined: read the stored answer once it is done.
        if (event.type === 'done' && !inflight.current) void refresh();
      },
      // A reply posted while the page loaded is not on the stream: read again once it is open
      // (unless our own answer is streaming in; its stream ends with a read of its own).
      onOpen: (reconnected) => {
        if (reconnected || !inflight.current) void refresh();
      },
    });
  }, [sessionId, ready, refresh]);

  // Leaving the page ends our POST stream; the answer goes on on the server.
  useEffect(() => () => inflight.current?.abort(), []);

  // Keep the list beside us current (title, machine, escalation, last activity).
  useEffect(() => {
    if (state.session) upsert(state.session);
  }, [state.session, upsert]);

  useEffect(() => {
    if (!state.generatingId) setStopping(false);
  }, [state.generatingId]);

  /** POST /api/chat and read its event stream into the reducer. */
  const run = useCallback(
    async (body: ChatBody, local: string): Promise<ChatRun> => {
      const ac = new AbortController();
      inflight.current = ac;
      setSending(true);
      setNotice(null);
      let streams: Streams;
      try {
        streams = await loadStreams();
      } catch {
        if (inflight.current === ac) inflight.current = null;
        setSending(false);
        return { ok: false, network: true };
      }
      const result = await streams.streamChat(
        body,
        (event) => {
          if (event.type === 'session' && 'sessionId' in event) {
            if (!idRef.current) {
              idRef.current = event.sessionId;
              setSessionId(event.sessionId);
              // The new conversation gets its address at once and without remounting (the stream
              // goes on), so a reload, Back and Forward or a shared link come back to it; the page
              // hears of it first, so the new address does not open it a second time.
              createdRef.current?.(event.sessionId);
              window.history.replaceState(null, '', `/chat/${event.sessionId}`);
            }
            if (stopWanted.current && event.assistantMessageId) {
              stopWanted.current = false;
              void chatApi.stop(event.sessionId).catch(() => {});
            }
          }
          dispatch({ type: 'event', event, localId: local });
        },
        ac.signal,
      );
      if (inflight.current === ac) inflight.current = null;
      setSending(false);
      if (result.ok && result.started && !result.finished && !ac.signal.aborted) void refresh();
      return result;
    },
    [refresh],
  );

  const send = useCallback(
    async (content: string, machine: { model: string; serial: string }): Promise<boolean> => {
      const local = localId();
      machineRef.current = machine;
      dispatch({
        type: 'send',
        localId: local,
        content,
        now: new Date().toISOString(),
        expectAnswer: stateRef.current.session?.mode !== 'support',
      });
      const id = idRef.current;
      const body: ChatBody = id
        ? { sessionId: id, message: content }
        : {
            message: content,
            ...(machine.model.trim() ? { machineModel: machine.model.trim() } : {}),
            ...(machine.serial.trim() ? { serialNumber: machine.serial.trim() } : {}),
          };
      const result = await run(body, local);
      if (result.ok) return true;
      if ('network' in result) {
        dispatch({ type: 'send-failed', localId: local, queued: !navigator.onLine });
        return true;
      }
      dispatch({ type: 'send-rejected', localId: local });
      setNotice(noticeFor(result.error));
      return false;
    },
    [run],
  );

  const resend = useCallback(
    async (local: string) => {
      const message = stateRef.current.messages.find((m) => m.id === local);
      if (!message) return;
      dispatch({ type: 'resend', localId: local });
      const id = idRef.current;
      const { model, serial } = machineRef.current;
      const body: ChatBody = id
        ? { sessionId: id, message: message.content }
        : { message: message.content, ...(model ? { machineModel: model } : {}), ...(serial ? { serialNumber: serial } : {}) };
      const result = await run(body, local);
      if (result.ok) return;
      dispatch({ type: 'send-failed', localId: local, queued: 'network' in result && !navigator.onLine });
      if ('error' in result) setNotice(noticeFor(result.error));
    },
    [run],
  );

  // Messages that waited for the network go out when it is back, one at a time.
  useEffect(() => {
    if (!online || sending || state.generatingId) return;
    const queued = state.messages.find((m) => m.local === 'queued');
    if (queued) void resend(queued.id);
  }, [online, sending, state.generatingId, state.messages, resend]);

  const regenerate = useCallback(async () => {
    const id = idRef.current;
    if (!id) return;
    const local = localId();
    dispatch({ type: 'regenerate', localId: local, now: new Date().toISOString() });
    const result = await run({ sessionId: id, regenerate: true }, local);
    if (result.ok) return;
    dispatch({ type: 'send-rejected', localId: local });
    setNotice('error' in result ? noticeFor(result.error) : { kind: 'error', message: new NetworkError().message });
    void refresh();
  }, [run, refresh]);

  const stop = useCallback(async () => {
    const id = idRef.current;
    const generating = stateRef.current.generatingId;
    setStopping(true);
    // The answer has no id yet: stop it as soon as the server names it.
    if (!id || (generating && generating.startsWith('local-'))) {
      stopWanted.current = true;
      if (!id) return;
    }
    try {
      await chatApi.stop(id);
      stopWanted.current = false;
      // The stream ends with `done: stopped`; if it doesn't come, ask the server what happened.
      setTimeout(() => {
        if (stateRef.current.generatingId) void refresh();
      }, 8_000);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && stopWanted.current) return;
      setStopping(false);
      if (e instanceof ApiError && e.status === 409) void refresh();
      else setNotice({ kind: 'error', message: errorMessage(e) });
    }
  }, [refresh]);

  const rate = useCallback(async (messageId: string, helpful: boolean, comment?: string): Promise<boolean> => {
    const before = stateRef.current.messages.find((m) => m.id === messageId);
    dispatch({ type: 'feedback', messageId, helpful, comment: comment ?? null });
    try {
      const message = await chatApi.feedback(messageId, { helpful, ...(comment ? { comment } : {}) });
      dispatch({ type: 'message', message });
      return true;
    } catch (e) {
      if (before) dispatch({ type: 'feedback', messageId, helpful: before.helpful, comment: before.feedbackComment });
      setNotice({ kind: 'error', message: errorMessage(e) });
      return false;
    }
  }, []);

  const patch = useCallback(
    async (changes: Partial<Pick<SessionView, 'title' | 'machineModel' | 'serialNumber'>>): Promise<string | null> => {
      const id = idRef.current;
      if (!id) return null;
      try {
        dispatch({ type: 'session', session: await chatApi.patchSession(id, changes) });
        return null;
      } catch (e) {
        return errorMessage(e);
      }
    },
    [],
  );

  const destroy = useCallback(async (): Promise<string | null> => {
    const id = idRef.current;
    if (!id) return null;
    try {
      await chatApi.deleteSession(id);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) return errorMessage(e);
    }
    inflight.current?.abort();
    remove(id);
    router.replace('/chat');
    return null;
  }, [remove, router]);

  const escalate = useCallback(
    async (input: { urgency: Urgency; note?: string; phone?: string }): Promise<string | null> => {
      const id = idRef.current;
      if (!id) return 'Send a message first, then escalate the conversation.';
      try {
        const escalation = await chatApi.escalate(id, input);
        dispatch({ type: 'event', event: { type: 'escalation', kind: 'created', escalation } });
        void refresh(); // the hand-off notice in the chat
        return null;
      } catch (e) {
        return errorMessage(e);
      }
    },
    [refresh],
  );

  return {
    state,
    sessionId,
    load,
    notice,
    clearNotice: useCallback(() => setNotice(null), []),
    sending,
    stopping,
    generating: state.generatingId !== null,
    retryLoad: useCallback(() => {
      setLoad({ status: 'loading' });
      void refresh();
    }, [refresh]),
    send,
    resend,
    regenerate,
    stop,
    rate,
    rename: useCallback((title: string) => patch({ title }), [patch]),
    saveMachine: useCallback((machineModel: string | null, serialNumber: string | null) => patch({ machineModel, serialNumber }), [patch]),
    destroy,
    escalate,
    dismissOffer: useCallback(() => {
      dispatch({ type: 'dismiss-offer' });
      // Stored, so the offer stays dismissed after a reload.
      if (idRef.current) void chatApi.dismissOffer(idRef.current).catch(() => {});
    }, []),
  };
}
