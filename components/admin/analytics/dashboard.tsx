import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import type { AnalyticsDashboard } from '@/lib/analytics/dashboard';
import type { Serialized } from '@/lib/serialized';
import { DailyChart, FeedbackChart, ModelsChart, ReasonsChart } from './charts';
import { CsvLink } from './csv-link';
import { count, ms, percent, reasonLabel, shortDay, tokens, usd } from './format';
import { FiguresTable, Section } from './section';

type Gap = Serialized<AnalyticsDashboard>['gaps'][number];

function Kpi({ label, value, detail, testId }: { label: string; value: string; detail?: ReactNode; testId: string }) {
  return (
    <Card className="px-4 py-3">
      <p className="text-xs font-medium text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums" data-testid={`kpi-${testId}`}>
        {value}
      </p>
      {detail ? <p className="mt-0.5 text-xs text-slate-500">{detail}</p> : null}
    </Card>
  );
}

/** Every figure of the range: key figures, charts with their tables, and the tables to act on. */
export function Dashboard({ data }: { data: Serialized<AnalyticsDashboard> }) {
  const { from, to } = data.range;
  const csv = (table: Parameters<typeof CsvLink>[0]['table'], label: string) => <CsvLink table={table} from={from} to={to} label={label} />;
  const cost = data.models.reduce((n, m) => n + m.costUsd, 0);
  return (
    <div className="space-y-4">
      <section aria-label="Key figures" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Kpi
          testId="conversations"
          label="Conversations"
          value={count(data.totals.conversations)}
          detail={`${count(data.totals.messages)} messages`}
        />
        <Kpi
          testId="resolution"
          label="Resolved"
          value={percent(data.outcomes.resolutionRate)}
          detail="without escalation or “not helpful”"
        />
        <Kpi
          testId="escalation"
          label="Escalated"
          value={percent(data.outcomes.escalationRate)}
          detail={`${count(data.outcomes.escalated)} of ${count(data.outcomes.conversations)} conversations`}
        />
        <Kpi
          testId="helpful"
          label="Rated helpful"
          value={percent(data.feedback.helpfulShare)}
          detail={`${count(data.feedback.total)} ratings`}
        />
        <Kpi testId="latency" label="Answer time p50" value={ms(data.latency.fullP50)} detail={`p95 ${ms(data.latency.fullP95)}`} />
        <Kpi
          testId="first-token"
          label="First words p50"
          value={ms(data.latency.firstTokenP50)}
          detail={`p95 ${ms(data.latency.firstTokenP95)}`}
        />
        <Kpi
          testId="manuals-only"
          label="Manuals-only answers"
          value={percent(data.answers.manualsOnlyRate)}
          detail={`fallback model ${percent(data.answers.fallbackRate)}`}
        />
        <Kpi testId="cost" label="Estimated model cost" value={usd(cost)} detail={`${count(data.answers.answers)} answers`} />
      </section>

      <div className="grid gap-4 lg:grid-cols-3">
        <Section
          id="daily"
          title="Conversations and messages per day"
          action={csv('daily', 'conversations and messages per day')}
          className="lg:col-span-2"
        >
          <DailyChart daily={data.daily} />
          <FiguresTable
            srOnly
            caption="Conversations, messages and escalations per day"
            head={['Day', 'Conversations', 'Messages', 'Escalations']}
            rows={data.daily.map((d) => [shortDay(d.day), d.conversations, d.messages, d.escalations])}
          />
        </Section>
        <Section id="feedback" title="Feedback" description="Ratings of answers" action={csv('feedback', 'feedback')}>
          <FeedbackChart feedback={data.feedback} />
          <FiguresTable
            caption="Feedback on answers"
            head={['Rating', 'Count', 'Share']}
            rows={[
              ['Helpful', count(data.feedback.helpful), percent(data.feedback.helpfulShare)],
              [
                'Not helpful',
                count(data.feedback.notHelpful),
                percent(data.feedback.helpfulShare === null ? null : 1 - data.feedback.helpfulShare),
              ],
            ]}
          />
        </Section>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <Section
          id="escalations"
          title="Escalations by reason"
          description={`${count(data.totals.escalations)} escalations; ${percent(data.outcomes.escalationRate)} of conversations`}
          action={csv('escalations', 'escalations by reason')}
        >
          {data.escalationReasons.length ? <ReasonsChart reasons={data.escalationReasons} /> : null}
          <FiguresTable
            caption="Escalations by reason"
            head={['Reason', 'Escalations']}
            rows={data.escalationReasons.map((r) => [reasonLabel(r.reason), count(r.count)])}
            empty="No escalations in this range."
          />
        </Section>
        <Section
          id="summary"
          title="Answers"
          description={`${count(data.answers.answers)} answers`}
          action={csv('summary', 'answer figures')}
        >
          <FiguresTable
            caption="Answer figures"
            head={['Figure', 'Value']}
            rows={[
              ['Resolution rate', percent(data.outcomes.resolutionRate)],
              ['Answer time p50 / p95', `${ms(data.latency.fullP50)} / ${ms(data.latency.fullP95)}`],
              ['First words p50 / p95', `${ms(data.latency.firstTokenP50)} / ${ms(data.latency.firstTokenP95)}`],
              ['Fallback model', `${percent(data.answers.fallbackRate)} (${count(data.answers.fallback)})`],
              ['From the manuals only', `${percent(data.answers.manualsOnlyRate)} (${count(data.answers.manualsOnly)})`],
              ['Model failed', count(data.answers.modelFailed)],
            ]}
          />
        </Section>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <Section
          id="models"
          title="Tokens and cost per model"
          description="Cost estimated at list prices"
          action={csv('models', 'tokens and cost per model')}
        >
          {data.models.length ? <ModelsChart models={data.models} /> : null}
          <FiguresTable
            caption="Tokens and estimated cost per model"
            head={['Model', 'Answers', 'Tokens in', 'Tokens out', 'Cost']}
            rows={data.models.map((m) => [m.model, count(m.answers), tokens(m.promptTokens), tokens(m.completionTokens), usd(m.costUsd)])}
            empty="No model answered in this range."
          />
        </Section>
        <Section
          id="machine-models"
          title="Top machine models"
          description="Conversations by machine"
          action={csv('machine-models', 'top machine models')}
        >
          <FiguresTable
            caption="Top machine models by conversations"
            head={['Machine model', 'Conversations']}
            rows={data.machineModels.map((m) => [m.machineModel, count(m.conversations)])}
            empty="No conversation named a machine in this range."
          />
        </Section>
      </div>

      <KnowledgeGaps gaps={data.gaps} action={csv('gaps', 'knowledge gaps')} />
    </div>
  );
}

function KnowledgeGaps({ gaps, action }: { gaps: Serialized<AnalyticsDashboard>['gaps']; action: ReactNode }) {
  return (
    <Section
      id="gaps"
      title="Knowledge gaps"
      description="Questions the manuals could not answer (declined, no passage found, or rated not helpful), grouped by machine, manual and question words"
      action={action}
    >
      {gaps.length ? (
        <GapTable gaps={gaps} />
      ) : (
        <p className="py-6 text-center text-sm text-slate-500">Every question in this range found its answer in the manuals.</p>
      )}
    </Section>
  );
}

const why = (g: Gap) =>
  [
    g.noPassage ? `${g.noPassage} no passage` : null,
    g.declined - g.noPassage > 0 ? `${g.declined - g.noPassage} declined` : null,
    g.notHelpful ? `${g.notHelpful} not helpful` : null,
  ]
    .filter(Boolean)
    .join(', ');

/** A table from a small tablet up; a list on a phone, where five columns do not fit. */
function GapTable({ gaps }: { gaps: Gap[] }) {
  return (
    <>
      <ul className="divide-y divide-slate-100 sm:hidden">
        {gaps.map((g) => (
          <li key={`${g.machineModel}|${g.manual}|${g.words}`} className="py-2.5 text-sm" data-testid="gap-row">
            <p className="flex justify-between gap-3">
              <span className="font-medium text-slate-900">{g.examples[0]}</span>
              <span className="shrink-0 font-semibold text-slate-900 tabular-nums">{count(g.occurrences)}×</span>
            </p>
            {g.examples.slice(1).map((q, i) => (
              <p key={i} className="text-xs text-slate-500">
                {q}
              </p>
            ))}
            <p className="mt-1 text-xs text-slate-600">
              {g.machineModel ?? 'No machine'} · {g.manual ?? 'No manual found'} · {why(g)} · last {shortDay(g.lastSeen.slice(0, 10))}
            </p>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto sm:block" tabIndex={0} role="region" aria-label="Knowledge gaps table">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">Knowledge gaps</caption>
          <thead className="text-xs text-slate-500">
            <tr>
              <th scope="col" className="py-1.5 pr-3 font-medium">
                Questions
              </th>
              <th scope="col" className="py-1.5 pr-3 font-medium">
                Machine · manual
              </th>
              <th scope="col" className="py-1.5 pr-3 text-right font-medium">
                Times
              </th>
              <th scope="col" className="py-1.5 pr-3 font-medium">
                Why
              </th>
              <th scope="col" className="py-1.5 pr-3 font-medium">
                Last seen
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {gaps.map((g) => (
              <tr key={`${g.machineModel}|${g.manual}|${g.words}`} data-testid="gap-row">
                <td className="py-2 pr-3 text-slate-900">
                  <ul className="space-y-0.5">
                    {g.examples.map((q, i) => (
                      <li key={i} className={i ? 'text-xs text-slate-500' : ''}>
                        {q}
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="py-2 pr-3 text-slate-700">
                  {g.machineModel ?? 'No machine'}
                  <span className="block text-xs text-slate-500">{g.manual ?? 'No manual found'}</span>
                </td>
                <td className="py-2 pr-3 text-right font-semibold text-slate-900 tabular-nums">{count(g.occurrences)}</td>
                <td className="py-2 pr-3 text-xs text-slate-600">{why(g)}</td>
                <td className="py-2 pr-3 text-xs whitespace-nowrap text-slate-600">{shortDay(g.lastSeen.slice(0, 10))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
