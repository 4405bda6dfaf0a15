import type { EscalationStatus, Urgency } from '@/lib/conversations/views';

const URGENCY: Record<Urgency, { label: string; className: string }> = {
  high: { label: 'High', className: 'bg-red-50 text-red-700 ring-red-600/20' },
  normal: { label: 'Normal', className: 'bg-amber-50 text-amber-800 ring-amber-600/20' },
  low: { label: 'Low', className: 'bg-slate-100 text-slate-600 ring-slate-500/20' },
};

const STATUS: Record<EscalationStatus, { label: string; className: string; dot: string }> = {
  open: { label: 'Open', className: 'bg-amber-100 text-amber-800', dot: 'bg-amber-500' },
  acknowledged: { label: 'Acknowledged', className: 'bg-brand-100 text-brand-700', dot: 'bg-brand-500' },
  resolved: { label: 'Resolved', className: 'bg-emerald-100 text-emerald-800', dot: 'bg-emerald-500' },
};

export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  const u = URGENCY[urgency];
  return (
    <span
      data-testid="urgency-badge"
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${u.className}`}
    >
      {urgency === 'high' ? <span aria-hidden className="h-1.5 w-1.5 rounded-full bg-red-600" /> : null}
      {u.label}
    </span>
  );
}

export function StatusBadge({ status }: { status: EscalationStatus }) {
  const s = STATUS[status];
  return (
    <span data-testid="status-badge" className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ${s.className}`}>
      {s.label}
    </span>
  );
}

export function UnreadDot({ unread }: { unread: boolean }) {
  return unread ? (
    <span className="flex h-2.5 w-2.5 shrink-0 rounded-full bg-brand-500" data-testid="unread-dot">
      <span className="sr-only">Unread</span>
    </span>
  ) : (
    <span aria-hidden className="h-2.5 w-2.5 shrink-0" />
  );
}
