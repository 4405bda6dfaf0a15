'use client';

import { Markdown } from '@/components/chat/markdown';
import { HeadsetIcon, WrenchIcon } from '@/components/ui/icons';
import { citationHref } from '@/lib/client/chat/format';
import type { MessageView } from '@/lib/conversations/views';
import { dateTime } from './format';

function time(iso: string) {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

function Citations({ message }: { message: MessageView }) {
  if (!message.citations.length) return null;
  return (
    <ol className="mt-3 space-y-1 border-t border-slate-100 pt-2 text-xs text-slate-600" data-testid="transcript-citations">
      {message.citations.map((c) => (
        <li key={`${c.n}-${c.chunkId}`} className="flex gap-1.5">
          <span className="font-semibold text-brand-700 tabular-nums">[{c.n}]</span>
          <a href={citationHref(c)} target="_blank" rel="noopener noreferrer" title={c.snippet} className="min-w-0 hover:underline">
            {c.title}, page {c.page}
            {c.pageEnd && c.pageEnd > c.page ? `–${c.pageEnd}` : ''}
            {c.heading ? <span className="text-slate-500"> — {c.heading}</span> : null}
          </a>
        </li>
      ))}
    </ol>
  );
}

/** The conversation as support reads it: the technician, the assistant with its sources, support, and system notes. */
export function Transcript({ messages, technicianName }: { messages: MessageView[]; technicianName: string }) {
  return (
    <ol className="space-y-5" data-testid="transcript">
      {messages.map((m) => {
        if (m.role === 'system') {
          return (
            <li key={m.id} className="flex justify-center" data-testid="transcript-system">
              <p className="max-w-xl rounded-2xl bg-slate-100 px-3 py-1.5 text-center text-xs leading-5 whitespace-pre-line text-slate-600">
                {m.content}
              </p>
            </li>
          );
        }
        if (m.role === 'support') {
          return (
            <li key={m.id} className="flex flex-col items-end" data-testid="transcript-support">
              <p className="mb-1 text-xs font-semibold text-emerald-700">
                Support · {m.authorName ?? 'Support'} <span className="font-normal text-slate-500">{time(m.createdAt)}</span>
              </p>
              <div className="max-w-[90%] rounded-2xl rounded-tr-md border border-emerald-200 bg-emerald-50 px-4 py-2.5 sm:max-w-[80%]">
                <Markdown text={m.content} />
              </div>
            </li>
          );
        }
        if (m.role === 'user') {
          return (
            <li key={m.id} className="flex flex-col items-start" data-testid="transcript-user">
              <p className="mb-1 text-xs font-semibold text-slate-700">
                {technicianName} <span className="font-normal text-slate-500">{time(m.createdAt)}</span>
              </p>
              <div className="max-w-[90%] rounded-2xl rounded-tl-md bg-slate-800 px-4 py-2.5 text-[15px] leading-6 whitespace-pre-wrap text-white sm:max-w-[80%] [overflow-wrap:anywhere]">
                {m.content}
              </div>
            </li>
          );
        }
        return (
          <li key={m.id} className="flex gap-3" data-testid="transcript-assistant">
            <div
              aria-hidden
              className="mt-5 hidden h-7 w-7 shrink-0 items-center justify-center rounded-full bg-brand-50 text-brand-700 sm:flex"
            >
              <WrenchIcon className="h-4 w-4" />
            </div>
            <div className="min-w-0 flex-1">
              <p className="mb-1 flex flex-wrap items-center gap-x-2 text-xs text-slate-500">
                <span className="font-semibold text-slate-700">Assistant</span>
                <span className="text-slate-500" title={dateTime(m.createdAt)}>
                  {time(m.createdAt)}
                </span>
                {m.mode === 'manuals_only' ? (
                  <span className="rounded bg-amber-50 px-1.5 py-0.5 font-medium text-amber-800">Manuals only · not AI-written</span>
                ) : null}
                {m.status !== 'complete' ? (
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-600">
                    {m.status === 'streaming' ? 'Being written…' : m.status}
                  </span>
                ) : null}
                {m.helpful === false ? (
                  <span className="rounded bg-red-50 px-1.5 py-0.5 font-medium text-red-700">Rated not helpful</span>
                ) : null}
                {m.helpful === true ? (
                  <span className="rounded bg-emerald-50 px-1.5 py-0.5 font-medium text-emerald-700">Rated helpful</span>
                ) : null}
              </p>
              <div className="rounded-2xl rounded-tl-md border border-slate-200 bg-white px-4 py-3">
                {m.content ? <Markdown text={m.content} /> : <p className="text-sm text-slate-500">…</p>}
                {m.feedbackComment ? (
                  <p className="mt-2 rounded bg-red-50 px-2 py-1 text-xs text-red-800">Technician’s comment: {m.feedbackComment}</p>
                ) : null}
                <Citations message={m} />
              </div>
            </div>
          </li>
        );
      })}
      {messages.length === 0 ? (
        <li className="flex items-center gap-2 text-sm text-slate-500">
          <HeadsetIcon className="h-4 w-4" /> No messages yet.
        </li>
      ) : null}
    </ol>
  );
}
