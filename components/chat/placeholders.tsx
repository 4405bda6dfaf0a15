import Link from 'next/link';
import { Button, buttonStyles } from '@/components/ui/button';
import { RefreshIcon, WrenchIcon } from '@/components/ui/icons';

const EXAMPLE_PROMPTS = [
  'E07 discharge temperature high — what should I check?',
  'How do I replace the air filter element?',
  'Oil in the compressed air after a service — likely causes?',
  'Tightening torque for the motor mounting bolts',
];

/** The start of a new conversation: what Fixline does and a few questions to try. */
export function NewConversationIntro({ firstTime, onPick }: { firstTime: boolean; onPick: (prompt: string) => void }) {
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center px-2 pt-6 pb-4 text-center sm:pt-14" data-testid="chat-empty">
      <div className="mb-4 flex h-12 w-12 items-center justify-center rounded-2xl bg-brand-50 text-brand-600 ring-1 ring-brand-100">
        <WrenchIcon className="h-6 w-6" />
      </div>
      <h2 className="text-lg font-semibold text-slate-900">{firstTime ? 'Ask your first question' : 'What is the machine doing?'}</h2>
      <p className="mt-2 text-sm leading-6 text-slate-600">
        Describe the symptom, an error code or the part you are working on. Answers come from the machine&apos;s own manuals, with the page
        they came from. Add the model and serial number below so the right manual is used.
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        {EXAMPLE_PROMPTS.map((p) => (
          <button
            key={p}
            type="button"
            onClick={() => onPick(p)}
            className="rounded-full bg-white px-3.5 py-2 text-left text-sm text-slate-700 shadow-sm ring-1 ring-slate-200 hover:bg-brand-50 hover:text-brand-700 hover:ring-brand-100"
            data-testid="example-prompt"
          >
            {p}
          </button>
        ))}
      </div>
    </div>
  );
}

export function ConversationSkeleton() {
  return (
    <div aria-hidden className="mx-auto w-full max-w-3xl animate-pulse space-y-6 px-3 py-6 sm:px-6" data-testid="conversation-loading">
      <div className="ml-auto h-10 w-2/3 rounded-2xl bg-slate-200 sm:w-1/2" />
      <div className="flex gap-3">
        <div className="hidden h-8 w-8 rounded-full bg-slate-200 sm:block" />
        <div className="flex-1 space-y-2 rounded-2xl border border-slate-200 bg-white p-4">
          <div className="h-3 w-11/12 rounded bg-slate-200" />
          <div className="h-3 w-4/5 rounded bg-slate-200" />
          <div className="h-3 w-2/3 rounded bg-slate-200" />
        </div>
      </div>
      <div className="ml-auto h-10 w-1/2 rounded-2xl bg-slate-200 sm:w-1/3" />
    </div>
  );
}

export function ConversationError({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }) {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center px-6 py-16 text-center" role="alert" data-testid="conversation-error">
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <p className="mt-2 text-sm leading-6 text-slate-600">{message}</p>
      <div className="mt-5 flex gap-2">
        {onRetry ? (
          <Button variant="primary" onClick={onRetry}>
            <RefreshIcon className="h-4 w-4" />
            Try again
          </Button>
        ) : null}
        <Link href="/chat" className={buttonStyles.secondary}>
          All conversations
        </Link>
      </div>
    </div>
  );
}
