import type { ReactNode } from 'react';
import { Markdown } from '@/components/chat/markdown';
import { Card } from '@/components/ui/card';
import type { EscalationDetailData } from '@/lib/escalation/views';
import { dateTime, duration } from './format';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_1fr] gap-2 py-1.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 text-slate-900 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

const MAIL_KIND: Record<string, string> = {
  escalation: 'To support',
  'escalation-confirmation': 'Confirmation to technician',
  'escalation-resolved': 'Resolution to technician',
  'escalation-urgent': 'Urgent follow-up to support',
};

const MAIL_STATUS = {
  sent: 'bg-emerald-50 text-emerald-700',
  pending: 'bg-amber-50 text-amber-800',
  failed: 'bg-red-50 text-red-700',
} as const;

/** Who, which machine, why, the summary, and whether the emails went out. */
export function DetailsPanel({ data }: { data: EscalationDetailData }) {
  const { escalation: e, technician, machine } = data;
  return (
    <>
      <Card as="section" className="px-4 py-3" aria-labelledby="details-heading" data-testid="escalation-details">
        <h2 id="details-heading" className="mb-1 text-sm font-semibold text-slate-900">
          Details
        </h2>
        <dl className="divide-y divide-slate-100">
          <Row label="Technician">{technician.name}</Row>
          <Row label="Email">
            <a href={`mailto:${technician.email}`} className="text-brand-700 hover:underline">
              {technician.email}
            </a>
          </Row>
          <Row label="Phone">
            {technician.phone ? (
              <a
                href={`tel:${technician.phone.replace(/[^+0-9]/g, '')}`}
                className="text-brand-700 hover:underline"
                data-testid="technician-phone"
              >
                {technician.phone}
              </a>
            ) : (
              <span className="text-slate-500">not given</span>
            )}
          </Row>
          <Row label="Machine">{machine.model ?? <span className="text-slate-500">not given</span>}</Row>
          <Row label="Serial">{machine.serialNumber ?? <span className="text-slate-500">not given</span>}</Row>
          <Row label="Reason">{e.reasonLabel}</Row>
          {e.note ? (
            <Row label="Note">
              <span className="whitespace-pre-line" data-testid="escalation-note">
                {e.note}
              </span>
            </Row>
          ) : null}
          <Row label="Opened">{dateTime(e.createdAt)}</Row>
          {e.acknowledgedAt && e.timeToAcknowledgeMs !== null ? (
            <Row label="Acknowledged">after {duration(e.timeToAcknowledgeMs)}</Row>
          ) : null}
          {e.resolvedAt && e.timeToResolveMs !== null ? <Row label="Resolved">after {duration(e.timeToResolveMs)}</Row> : null}
        </dl>
      </Card>

      <Card as="section" className="px-4 py-3" aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="mb-2 text-sm font-semibold text-slate-900">
          Summary
        </h2>
        <div data-testid="escalation-summary">
          {e.summary ? (
            <Markdown text={e.summary} className="text-sm! leading-6! text-slate-700!" />
          ) : (
            <p className="text-sm leading-6 text-slate-700">No summary.</p>
          )}
        </div>
      </Card>

      <Card as="section" className="px-4 py-3" aria-labelledby="mail-heading">
        <h2 id="mail-heading" className="mb-2 text-sm font-semibold text-slate-900">
          Email delivery
        </h2>
        {data.emails.length === 0 ? (
          <p className="text-sm text-slate-500">No emails.</p>
        ) : (
          <ul className="space-y-2" data-testid="email-delivery">
            {data.emails.map((m) => (
              <li key={m.id} className="text-sm">
                <div className="flex items-center justify-between gap-2">
                  <span className="text-slate-700">{MAIL_KIND[m.kind] ?? m.kind}</span>
                  <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${MAIL_STATUS[m.status]}`}>
                    {m.status === 'pending'
                      ? m.attempts
                        ? `Retrying (${m.attempts})`
                        : 'Waiting'
                      : m.status === 'sent'
                        ? 'Sent'
                        : 'Failed'}
                  </span>
                </div>
                <p className="truncate text-xs text-slate-500">{m.toAddress}</p>
                {m.lastError ? <p className="mt-0.5 text-xs text-red-700">{m.lastError}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
