import { Dashboard } from '@/components/admin/analytics/dashboard';
import { longDay } from '@/components/admin/analytics/format';
import { PRESETS, RangePicker } from '@/components/admin/analytics/range-picker';
import { ErrorAlert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/server';
import { getAnalyticsDashboard } from '@/lib/analytics/dashboard';
import { addDays, dayRangeQuery, isoDay } from '@/lib/analytics/range';
import { serialize } from '@/lib/serialized';

export const metadata = { title: 'Analytics' };
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser(['admin']);
  const params = await searchParams;
  const asked = { from: params.from, to: params.to };
  const parsed = dayRangeQuery.safeParse(Object.fromEntries(Object.entries(asked).filter(([, v]) => typeof v === 'string')));
  const range = parsed.success ? parsed.data : dayRangeQuery.parse({});
  const data = serialize(await getAnalyticsDashboard(range));
  const today = isoDay(new Date());
  const presets = PRESETS.map((days) => ({ days, range: { from: addDays(today, -(days - 1)), to: today } }));
  return (
    <div>
      <PageHeader
        title="Analytics"
        description={`Conversations, answers and knowledge gaps from ${longDay(range.from)} to ${longDay(range.to)} (UTC days).`}
      />
      <div className="space-y-4 px-4 py-5 sm:px-8">
        <RangePicker range={range} presets={presets} />
        {parsed.success ? null : (
          <ErrorAlert testId="range-error">
            {parsed.error.issues[0]?.message ?? 'That range cannot be shown.'} Showing the last 30 days instead.
          </ErrorAlert>
        )}
        <Dashboard data={data} />
      </div>
    </div>
  );
}
