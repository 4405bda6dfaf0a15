'use client';

import { useId, useState } from 'react';
import { ChevronDownIcon, WrenchIcon } from '@/components/ui/icons';

const inputClass =
  'block w-full min-w-0 rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500 focus:outline-none';

function Fields({
  model,
  serial,
  models,
  onModel,
  onSerial,
  onEnter,
}: {
  model: string;
  serial: string;
  models: string[];
  onModel: (v: string) => void;
  onSerial: (v: string) => void;
  onEnter?: () => void;
}) {
  const id = useId();
  const keys = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && onEnter) {
      e.preventDefault();
      onEnter();
    }
  };
  return (
    <div className="flex min-w-0 flex-1 gap-2">
      <div className="min-w-0 flex-[3]">
        <label htmlFor={`${id}-model`} className="sr-only">
          Machine model
        </label>
        <input
          id={`${id}-model`}
          list={`${id}-models`}
          value={model}
          onChange={(e) => onModel(e.target.value)}
          onKeyDown={keys}
          maxLength={120}
          placeholder="Machine model"
          autoComplete="off"
          className={inputClass}
          data-testid="machine-model"
        />
        <datalist id={`${id}-models`}>
          {models.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </div>
      <div className="min-w-0 flex-[2]">
        <label htmlFor={`${id}-serial`} className="sr-only">
          Serial number
        </label>
        <input
          id={`${id}-serial`}
          value={serial}
          onChange={(e) => onSerial(e.target.value)}
          onKeyDown={keys}
          maxLength={80}
          placeholder="Serial no."
          autoComplete="off"
          className={inputClass}
          data-testid="machine-serial"
        />
      </div>
    </div>
  );
}

/** Machine model and serial for a conversation not created yet: sent with the first message. */
export function MachineDraft({
  model,
  serial,
  models,
  onChange,
}: {
  model: string;
  serial: string;
  models: string[];
  onChange: (model: string, serial: string) => void;
}) {
  return (
    <div className="flex items-center gap-2" data-testid="machine-control">
      <span className="hidden shrink-0 items-center gap-1.5 text-xs font-medium text-slate-500 sm:flex">
        <WrenchIcon className="h-3.5 w-3.5" />
        Machine
      </span>
      <Fields model={model} serial={serial} models={models} onModel={(v) => onChange(v, serial)} onSerial={(v) => onChange(model, v)} />
    </div>
  );
}

/** The machine of an existing conversation: a compact chip that opens an editor (saved with PATCH). */
export function MachineChip({
  model,
  serial,
  models,
  onSave,
}: {
  model: string | null;
  serial: string | null;
  models: string[];
  onSave: (model: string | null, serial: string | null) => Promise<string | null>;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState({ model: '', serial: '' });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    setSaving(true);
    const err = await onSave(draft.model.trim() || null, draft.serial.trim() || null);
    setSaving(false);
    setError(err);
    if (!err) setEditing(false);
  }

  if (!editing) {
    const label = [model, serial ? `SN ${serial}` : null].filter(Boolean).join(' · ');
    return (
      <button
        type="button"
        onClick={() => {
          setDraft({ model: model ?? '', serial: serial ?? '' });
          setError(null);
          setEditing(true);
        }}
        className="inline-flex max-w-full items-center gap-1.5 rounded-full bg-slate-100 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-200"
        data-testid="machine-control"
        aria-label={label ? `Machine: ${label}. Change` : 'Add the machine model and serial number'}
      >
        <WrenchIcon className="h-3.5 w-3.5 shrink-0 text-slate-500" />
        <span className="truncate">{label || 'Add machine'}</span>
        <ChevronDownIcon className="h-3.5 w-3.5 shrink-0 text-slate-400" />
      </button>
    );
  }
  return (
    <div className="flex flex-col gap-1" data-testid="machine-control">
      <div className="flex flex-wrap items-center gap-2 sm:flex-nowrap">
        <Fields
          model={draft.model}
          serial={draft.serial}
          models={models}
          onModel={(v) => setDraft((d) => ({ ...d, model: v }))}
          onSerial={(v) => setDraft((d) => ({ ...d, serial: v }))}
          onEnter={() => void save()}
        />
        <div className="flex shrink-0 gap-1.5">
          <button
            type="button"
            onClick={() => void save()}
            disabled={saving}
            className="rounded-md bg-brand-600 px-2.5 py-1.5 text-xs font-semibold text-white hover:bg-brand-700 disabled:opacity-50"
          >
            {saving ? 'Saving…' : 'Save'}
          </button>
          <button
            type="button"
            onClick={() => setEditing(false)}
            className="rounded-md px-2.5 py-1.5 text-xs font-medium text-slate-600 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Cancel
          </button>
        </div>
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
