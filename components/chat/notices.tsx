'use client';

import { Button } from '@/components/ui/button';
import { AlertIcon, HeadsetIcon, WifiOffIcon } from '@/components/ui/icons';
import type { EscalationOffer } from '@/lib/client/chat/conversation-state';
import type { EscalationRef } from '@/lib/conversations/views';

const STATUS = {
  open: { label: 'Open', className: 'bg-amber-100 text-amber-800' },
  acknowledged: { label: 'Acknowledged', className: 'bg-brand-100 text-brand-700' },
  resolved: { label: 'Resolved', className: 'bg-emerald-100 text-emerald-800' },
} as const;

/**
 * "Escalated to support — reference #12 · Open", kept current by the live stream; while support
 * handles the conversation, the same bar says that the assistant is paused.
 */
export function EscalationBanner({ escalation, supportMode }: { escalation: EscalationRef | null; supportMode: boolean }) {
  const status = escalation ? (STATUS[escalation.status] ?? STATUS.open) : null;
  return (
    <div
      className={`flex items-start gap-2 border-b px-4 py-2 text-[13px] leading-5 sm:text-sm ${supportMode ? 'border-emerald-200 bg-emerald-50 text-emerald-900' : 'border-slate-200 bg-slate-50 text-slate-700'}`}
      role="status"
    >
      <HeadsetIcon className="mt-0.5 h-4 w-4 shrink-0 opacity-70" />
      <div className="min-w-0 flex-1">
        {escalation && status ? (
          <p data-testid="escalation-banner">
            Escalated to support — reference <span className="font-semibold">#{escalation.reference}</span>
            <span className="opacity-50"> · </span>
            <span
              className={`rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${status.className}`}
              data-testid="escalation-status"
            >
              {status.label}
            </span>
          </p>
        ) : null}
        {supportMode ? (
          <p className={escalation ? 'text-xs text-emerald-800 sm:text-[13px]' : ''} data-testid="support-mode-banner">
            A support person is handling this conversation; the assistant is paused.
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function OfflineBar() {
  return (
    <div
      className="mx-auto mb-2 flex w-full max-w-3xl items-center gap-2 rounded-lg bg-slate-800 px-3 py-2 text-sm text-white"
      role="status"
      data-testid="offline-bar"
    >
      <WifiOffIcon className="h-4 w-4 shrink-0" />
      You are offline — messages will be sent when you reconnect
    </div>
  );
}

/** A problem with the last action (rate limit, busy, error), above the composer. */
export function Notice({
  tone,
  children,
  onDismiss,
  action,
}: {
  tone: 'warning' | 'error';
  children: React.ReactNode;
  onDismiss?: () => void;
  action?: React.ReactNode;
}) {
  return (
    <div
      role="alert"
      className={`mx-auto mb-2 flex w-full max-w-3xl items-start gap-2 rounded-lg px-3 py-2 text-sm ${tone === 'error' ? 'bg-red-50 text-red-800 ring-1 ring-red-200' : 'bg-amber-50 text-amber-900 ring-1 ring-amber-200'}`}
      data-testid="chat-notice"
    >
      <AlertIcon className="mt-0.5 h-4 w-4 shrink-0" />
      <div className="min-w-0 flex-1">{children}</div>
      {action}
      {onDismiss ? (
        <button type="button" onClick={onDismiss} className="shrink-0 text-xs font-semibold underline-offset-2 hover:underline">
          Dismiss
        </button>
      ) : null}
    </div>
  );
}

function offerTitle(reason: string): string {
  if (/human|person|agent/i.test(reason)) return 'Would you like a person from support to take over?';
  if (/helpful|feedback/i.test(reason)) return "These answers don't seem to help. Escalate to support?";
  if (/model|fail|error/i.test(reason)) return "The assistant couldn't answer properly. Escalate to support?";
  return "The manuals don't seem to cover this. Escalate to support?";
}

/** The assistant's offer to hand over to support; shown once, under the answer. */
export function OfferCard({ offer, onEscalate, onDismiss }: { offer: EscalationOffer; onEscalate: () => void; onDismiss: () => void }) {
  return (
    <div className="rounded-xl border border-brand-100 bg-brand-50 px-4 py-3" data-testid="escalation-offer">
      <p className="text-sm font-semibold text-slate-900">{offer.message || offerTitle(offer.reason)}</p>
      <p className="mt-0.5 text-sm text-slate-600">Support gets this conversation and the machine details, and can reply right here.</p>
      <div className="mt-3 flex gap-2">
        <Button variant="primary" onClick={onEscalate} className="px-3 py-1.5">
          <HeadsetIcon className="h-4 w-4" />
          Escalate
        </Button>
        <Button variant="secondary" onClick={onDismiss} className="px-3 py-1.5">
          No thanks
        </Button>
      </div>
    </div>
  );
}
