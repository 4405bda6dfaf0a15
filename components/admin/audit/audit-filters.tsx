'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field, inputStyle } from '@/components/ui/field';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';

export interface AuditFilterValues {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilterValues = { actor: '', action: '', targetType: '', targetId: '', from: '', to: '' };

/** The filters as a query string (empty ones left out). */
export function filterQuery(values: AuditFilterValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...extra })) if (v.trim()) params.set(k, v.trim());
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Who, what, on what and when: applied together when the form is sent. */
export function AuditFilters({ onApply }: { onApply: (values: AuditFilterValues) => void }) {
  const [values, setValues] = useState(NO_FILTERS);
  const set = (key: keyof AuditFilterValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    onApply(values);
  }

  return (
    <form onSubmit={submit} className="grid grid-cols-2 gap-3 lg:grid-cols-6" aria-label="Filter the audit log">
      <Field htmlFor="audit-actor" label="Actor" className="col-span-2">
        <input
          id="audit-actor"
          value={values.actor}
          onChange={set('actor')}
          placeholder="Email or user id"
          className={`mt-1 ${inputStyle}`}
        />
      </Field>
      <Field htmlFor="audit-action" label="Action" className="col-span-2">
        <select id="audit-action" value={values.action} onChange={set('action')} className={`mt-1 ${inputStyle}`}>
          <option value="">All actions</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </Field>
      <Field htmlFor="audit-from" label="From (UTC)">
        <input id="audit-from" type="date" value={values.from} onChange={set('from')} className={`mt-1 ${inputStyle}`} />
      </Field>
      <Field htmlFor="audit-to" label="To (UTC)">
        <input id="audit-to" type="date" value={values.to} onChange={set('to')} className={`mt-1 ${inputStyle}`} />
      </Field>
      <Field htmlFor="audit-target-type" label="Target type" className="lg:col-span-2">
        <input
          id="audit-target-type"
          value={values.targetType}
          onChange={set('targetType')}
          placeholder="user, escalation…"
          className={`mt-1 ${inputStyle}`}
        />
      </Field>
      <Field htmlFor="audit-target-id" label="Target id" className="lg:col-span-2">
        <input id="audit-target-id" value={values.targetId} onChange={set('targetId')} className={`mt-1 ${inputStyle}`} />
      </Field>
      <div className="col-span-2 flex items-end gap-2">
        <Button type="submit" variant="primary">
          Apply filters
        </Button>
        <Button
          onClick={() => {
            setValues(NO_FILTERS);
            onApply(NO_FILTERS);
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
