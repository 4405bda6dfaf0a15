'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { ArrowLeftIcon } from '@/components/ui/icons';
import { requestJson } from '@/lib/client/fetch';
import type { EscalationDetailData } from '@/lib/escalation/views';
import { ActionsPanel, type Change } from './actions-panel';
import { StatusBadge, UrgencyBadge } from './badges';
import { timeAgo } from './format';
import { ReplyBox } from './reply-box';
import { DetailsPanel } from './side-panel';
import { Transcript } from './transcript';
import { usePoll } from './use-poll';

/**
 * One escalation: the conversation with a reply box, and the details and actions beside it
 * (below the header on a phone). It refreshes every few seconds, so the technician's new
 * messages and colleagues' changes show up without a reload.
 */
export function EscalationView({ initial, me }: { initial: EscalationDetailData; me: string }) {
  const [data, setData] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const url = `/api/escalations/${initial.escalation.id}`;
  const scroller = useRef<HTMLDivElement>(null);
  const end = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const count = useRef(initial.messages.length);

  const refresh = useCallback(async () => {
    setData(await requestJson<EscalationDetailData>(url));
    setError(null);
  }, [url]);
  usePoll(
    useCallback(() => refresh().catch((e: Error) => setError(e.message)), [refresh]),
    4_000,
  );

  // Start at the latest message (desktop, where the conversation scrolls on its own).
  useEffect(() => {
    const box = scroller.current;
    if (box && box.scrollHeight > box.clientHeight) box.scrollTop = box.scrollHeight;
    const observer = new IntersectionObserver(([entry]) => (atEnd.current = entry.isIntersecting));
    if (end.current) observer.observe(end.current);
    return () => observer.disconnect();
  }, []);

  // New messages: follow them when the reader was already at the end.
  useEffect(() => {
    if (data.messages.length > count.current && atEnd.current) end.current?.scrollIntoView({ block: 'nearest' });
    count.current = data.messages.length;
  }, [data.messages.length]);

  async function change(body: Change): Promise<string | null> {
    try {
      await requestJson(url, { method: 'PATCH', json: body });
      await refresh();
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  }

  async function reply(message: string): Promise<string | null> {
    try {
      await requestJson(`${url}/replies`, { method: 'POST', json: { message } });
      atEnd.current = true;
      await refresh();
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  }

  const e = data.escalation;
  const machine = [data.machine.model, data.machine.serialNumber ? `SN ${data.machine.serialNumber}` : null].filter(Boolean).join(' · ');

  return (
    <div className="flex flex-col lg:h-full">
      <header className="shrink-0 border-b border-slate-200 bg-white px-4 py-3 sm:px-6">
        <Link href="/escalations" className="-ml-1 inline-flex items-center gap-1 rounded px-1 text-sm text-slate-500 hover:text-slate-900">
          <ArrowLeftIcon className="h-4 w-4" /> Escalations
        </Link>
        <div className="mt-1 flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0">
            <h1 className="text-lg font-semibold text-slate-900 sm:text-xl" data-testid="escalation-title">
              <span className="text-slate-500 tabular-nums">#{e.reference}</span> {data.session.title}
            </h1>
            <p className="mt-0.5 text-sm text-slate-600">
              {data.technician.name}
              {machine ? ` · ${machine}` : ''} · opened {timeAgo(e.createdAt)}
              {e.assignee ? ` · assigned to ${e.assignee.id === me ? 'you' : e.assignee.name}` : ' · unassigned'}
            </p>
          </div>
          <div className="flex shrink-0 items-center gap-2" data-testid="escalation-badges">
            <UrgencyBadge urgency={e.urgency} />
            <StatusBadge status={e.status} />
          </div>
        </div>
        {error ? <ErrorAlert className="mt-2">{error}</ErrorAlert> : null}
      </header>

      <div className="grid grid-cols-1 [grid-template-areas:'actions'_'transcript'_'details'] lg:min-h-0 lg:flex-1 lg:grid-cols-[minmax(0,1fr)_22rem] lg:grid-rows-[auto_minmax(0,1fr)] lg:[grid-template-areas:'transcript_actions'_'transcript_details']">
        <div className="border-b border-slate-200 bg-slate-50 px-4 py-4 [grid-area:actions] sm:px-6 lg:border-b-0 lg:border-l lg:px-4 lg:pb-0">
          <ActionsPanel data={data} me={me} onChange={change} />
        </div>

        <section aria-label="Conversation" className="flex flex-col [grid-area:transcript] lg:min-h-0">
          <div ref={scroller} className="px-4 py-5 sm:px-6 lg:min-h-0 lg:flex-1 lg:overflow-y-auto">
            <Transcript messages={data.messages} technicianName={data.technician.name} />
            {/* Clear of the reply box that sticks to the bottom on a phone. */}
            <div ref={end} className="h-px scroll-mb-40 lg:scroll-mb-4" />
          </div>
          <div className="sticky bottom-0 z-10 border-t border-slate-200 bg-white lg:static">
            <ReplyBox disabled={e.status === 'resolved'} technicianName={data.technician.name} onSend={reply} />
          </div>
        </section>

        <aside className="space-y-3 border-t border-slate-200 bg-slate-50 px-4 py-4 [grid-area:details] sm:px-6 lg:overflow-y-auto lg:border-t-0 lg:border-l lg:px-4">
          <DetailsPanel data={data} />
        </aside>
      </div>
    </div>
  );
}
