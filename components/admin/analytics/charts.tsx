'use client';

// The dashboard's charts (recharts, loaded by this page only). Each is a titled figure whose
// figures are also in a table for screen readers; the drawing itself is one labelled image.
import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { AnalyticsDashboard } from '@/lib/analytics/dashboard';
import type { Serialized } from '@/lib/serialized';
import { count, percent, reasonLabel, shortDay, tokens } from './format';

type Dashboard = Serialized<AnalyticsDashboard>;

const COLORS = { brand: '#1d4ed8', teal: '#0f766e', amber: '#b45309', red: '#b91c1c', slate: '#64748b' };
const AXIS = { fontSize: 11, fill: '#475569' };

function Chart({ label, height = 220, children }: { label: string; height?: number; children: ReactNode }) {
  return (
    <div role="img" aria-label={label} style={{ height }} className="w-full min-w-0" data-testid="chart">
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </div>
  );
}

/** Conversations and messages per day, as lines. */
export function DailyChart({ daily }: { daily: Dashboard['daily'] }) {
  const total = daily.reduce((n, d) => n + d.messages, 0);
  return (
    <Chart
      label={`Line chart of conversations and messages per day, ${count(total)} messages in all; the table below has each day's figures.`}
    >
      <LineChart data={daily} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="day" tickFormatter={shortDay} tick={AXIS} minTickGap={24} />
        <YAxis allowDecimals={false} tick={AXIS} width={48} />
        <Tooltip labelFormatter={(d) => shortDay(String(d))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line
          type="monotone"
          dataKey="messages"
          name="Messages"
          stroke={COLORS.brand}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="conversations"
          name="Conversations"
          stroke={COLORS.teal}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="escalations"
          name="Escalations"
          stroke={COLORS.red}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </Chart>
  );
}

/** Escalations by reason, as horizontal bars. */
export function ReasonsChart({ reasons }: { reasons: Dashboard['escalationReasons'] }) {
  const data = reasons.map((r) => ({ name: reasonLabel(r.reason), count: r.count }));
  return (
    <Chart
      label={`Bar chart of escalations by reason: ${data.map((d) => `${d.name} ${d.count}`).join(', ') || 'none'}.`}
      height={Math.max(120, 40 + data.length * 32)}
    >
      <BarChart data={data} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#e2e8f0" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={AXIS} />
        <YAxis type="category" dataKey="name" tick={AXIS} width={130} />
        <Tooltip />
        <Bar dataKey="count" name="Escalations" fill={COLORS.amber} isAnimationActive={false} />
      </BarChart>
    </Chart>
  );
}

/** Helpful and not helpful ratings, as a donut. */
export function FeedbackChart({ feedback }: { feedback: Dashboard['feedback'] }) {
  const data = [
    { name: 'Helpful', value: feedback.helpful, color: COLORS.teal },
    { name: 'Not helpful', value: feedback.notHelpful, color: COLORS.red },
  ];
  return (
    <Chart
      label={`Donut chart of feedback: ${count(feedback.helpful)} helpful, ${count(feedback.notHelpful)} not helpful (${percent(feedback.helpfulShare)} helpful).`}
      height={180}
    >
      <PieChart accessibilityLayer={false}>
        <Pie data={data} dataKey="value" nameKey="name" innerRadius="55%" outerRadius="85%" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.name} fill={d.color} />
          ))}
        </Pie>
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
      </PieChart>
    </Chart>
  );
}

/** Prompt and completion tokens per model, as stacked bars. */
export function ModelsChart({ models }: { models: Dashboard['models'] }) {
  return (
    <Chart
      label={`Bar chart of tokens per model: ${models.map((m) => `${m.model} ${tokens(m.promptTokens + m.completionTokens)}`).join(', ')}.`}
      height={Math.max(140, 60 + models.length * 36)}
    >
      <BarChart data={models} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#e2e8f0" horizontal={false} />
        <XAxis type="number" tick={AXIS} tickFormatter={(n: number) => tokens(n)} />
        <YAxis type="category" dataKey="model" tick={AXIS} width={110} />
        <Tooltip formatter={(n) => count(Number(n))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="promptTokens" name="Prompt tokens" stackId="t" fill={COLORS.brand} isAnimationActive={false} />
        <Bar dataKey="completionTokens" name="Completion tokens" stackId="t" fill={COLORS.slate} isAnimationActive={false} />
      </BarChart>
    </Chart>
  );
}
