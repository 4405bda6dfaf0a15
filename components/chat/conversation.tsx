'use client';

import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type { AnswerActions } from './assistant-message';
import { Composer, type ComposerHandle } from './composer';
import { ConversationHeader } from './conversation-header';
import { MachineChip, MachineDraft } from './machine-control';
import { MessageList } from './message-list';
import { EscalationBanner, Notice, OfferCard, OfflineBar } from './notices';
import { ConversationError, ConversationSkeleton, NewConversationIntro } from './placeholders';
import { useSessions } from './sessions-provider';
import { useConversation } from './use-conversation';
import { useNow, useOnline } from './use-online';

// The dialogs load the first time one is opened, not with the page; once there they stay mounted
// (closed), so a note typed into the escalation form survives closing it.
const EscalateDialog = lazy(() => import('./escalate-dialog').then((m) => ({ default: m.EscalateDialog })));
const ConfirmDialog = lazy(() => import('@/components/ui/dialog').then((m) => ({ default: m.ConfirmDialog })));

/**
 * An open conversation (or a new one, when `sessionId` is null): header, messages, composer.
 * `onCreated` hears the id of a new conversation the moment the server gives it.
 */
export function Conversation({ sessionId, onCreated }: { sessionId: string | null; onCreated?: (id: string) => void }) {
  const c = useConversation(sessionId, onCreated);
  const { sessions, status: listStatus, models } = useSessions();
  const online = useOnline();
  const [draft, setDraft] = useState('');
  const [machine, setMachine] = useState({ model: '', serial: '' });
  const [dialog, setDialogState] = useState<null | 'escalate' | 'delete'>(null);
  const [opened, setOpened] = useState<ReadonlySet<'escalate' | 'delete'>>(() => new Set());
  const setDialog = (next: null | 'escalate' | 'delete') => {
    if (next && !opened.has(next)) setOpened((s) => new Set(s).add(next));
    setDialogState(next);
  };
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const composer = useRef<ComposerHandle>(null);
  const { session } = c.state;

  const rateLimited = c.notice?.kind === 'rate' ? c.notice.until : 0;
  const now = useNow(1000, rateLimited > 0);
  const waitSeconds = rateLimited ? Math.max(0, Math.ceil((rateLimited - now) / 1000)) : 0;
  const { clearNotice } = c;
  useEffect(() => {
    if (rateLimited && waitSeconds === 0) clearNotice();
  }, [rateLimited, waitSeconds, clearNotice]);

  // On a large screen the cursor starts in the message box; on a phone that would open the keyboard.
  useEffect(() => {
    if (window.matchMedia('(min-width: 768px)').matches) composer.current?.focus();
  }, []);

  const { rate, regenerate } = c;
  const actions = useMemo<AnswerActions>(() => ({ onRate: rate, onRegenerate: () => void regenerate() }), [rate, regenerate]);

  const blocked = !online ? 'You are offline' : waitSeconds > 0 ? `Try again in ${waitSeconds} s` : c.sending ? 'Sending…' : null;
  const support = session?.mode === 'support';
  const placeholder = support
    ? 'Your message goes to support…'
    : session
      ? 'Ask a follow-up question…'
      : 'Describe the problem or an error code…';

  async function submit() {
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    const accepted = await c.send(text, machine);
    if (!accepted) setDraft((d) => d || text);
  }

  if (c.load.status === 'missing') {
    return (
      <ConversationError title="This conversation doesn't exist" message="It may have been deleted, or it belongs to another account." />
    );
  }

  const intro = !session && c.state.messages.length === 0;
  const offerCard = c.state.offer ? (
    <OfferCard offer={c.state.offer} onEscalate={() => setDialog('escalate')} onDismiss={c.dismissOffer} />
  ) : null;

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="conversation">
      <ConversationHeader
        session={session}
        showBack={Boolean(session) || sessions.length > 0}
        onRename={c.rename}
        onDelete={() => setDialog('delete')}
        onEscalate={() => setDialog('escalate')}
      />
      {session?.escalation || support ? <EscalationBanner escalation={session?.escalation ?? null} supportMode={support} /> : null}

      {c.load.status === 'loading' ? (
        <div className="min-h-0 flex-1 overflow-hidden">
          <ConversationSkeleton />
        </div>
      ) : c.load.status === 'error' ? (
        <div className="min-h-0 flex-1 overflow-y-auto">
          <ConversationError title="We couldn't load this conversation" message={c.load.message} onRetry={c.retryLoad} />
        </div>
      ) : (
        <MessageList
          state={c.state}
          busy={c.generating || c.sending}
          actions={actions}
          onResend={(id) => void c.resend(id)}
          offerCard={offerCard}
          header={
            intro ? (
              <NewConversationIntro
                firstTime={listStatus === 'ready' && sessions.length === 0}
                onPick={(prompt) => {
                  setDraft(prompt);
                  composer.current?.focus();
                }}
              />
            ) : null
          }
        />
      )}

      <div className="px-3 pt-2 pb-3 sm:px-6 sm:pb-4">
        {!online ? <OfflineBar /> : null}
        {c.notice?.kind === 'rate' && waitSeconds > 0 ? (
          <Notice tone="warning">You&apos;re sending messages quickly — try again in {waitSeconds} s</Notice>
        ) : c.notice?.kind === 'busy' ? (
          <Notice tone="warning" onDismiss={c.clearNotice}>
            An answer is still being written in this conversation
          </Notice>
        ) : c.notice?.kind === 'error' ? (
          <Notice tone="error" onDismiss={c.clearNotice}>
            {c.notice.message}
          </Notice>
        ) : null}
        <Composer
          ref={composer}
          value={draft}
          onChange={setDraft}
          onSend={() => void submit()}
          onStop={() => void c.stop()}
          generating={c.generating && !support}
          stopping={c.stopping}
          blocked={blocked}
          placeholder={placeholder}
          hint={support ? 'Enter to send · Shift+Enter for a new line' : undefined}
          toolbar={
            c.load.status !== 'ready' ? null : session ? (
              <MachineChip
                key={`${session.machineModel}|${session.serialNumber}`}
                model={session.machineModel}
                serial={session.serialNumber}
                models={models}
                onSave={c.saveMachine}
              />
            ) : (
              <MachineDraft
                model={machine.model}
                serial={machine.serial}
                models={models}
                onChange={(model, serial) => setMachine({ model, serial })}
              />
            )
          }
        />
      </div>

      {opened.has('escalate') ? (
        <Suspense fallback={null}>
          <EscalateDialog open={dialog === 'escalate'} onClose={() => setDialog(null)} onSubmit={c.escalate} />
        </Suspense>
      ) : null}
      {opened.has('delete') ? (
        <Suspense fallback={null}>
          <ConfirmDialog
            open={dialog === 'delete'}
            title="Delete this conversation?"
            description="Its messages and answers are removed for good. An escalation already sent to support stays with support."
            confirmLabel="Delete"
            busyLabel="Deleting…"
            busy={deleting}
            error={deleteError}
            onClose={() => {
              setDialog(null);
              setDeleteError(null);
            }}
            onConfirm={async () => {
              setDeleting(true);
              const error = await c.destroy();
              setDeleting(false);
              setDeleteError(error);
              if (!error) setDialog(null);
            }}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
