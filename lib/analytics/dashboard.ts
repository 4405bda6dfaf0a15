import 'server-only';
import {
  countFeedbackAndEscalations,
  getAnswerStats,
  getConversationOutcomes,
  getDailyActivity,
  getKnowledgeGaps,
  getModelUsage,
  getTopMachineModels,
  type DailyActivityRow,
  type KnowledgeGapRow,
} from '@/db/queries/analytics';
import { estimateCost } from '@/lib/llm/pricing';
import { addDays, daysIn, toTimeRange, type DayRange } from './range';

/** How many rows the dashboard shows of its ranked lists (a CSV export has them all, up to EXPORT_LIMIT). */
export const DASHBOARD_LIMITS = { machineModels: 10, gaps: 25 } as const;
export const EXPORT_LIMIT = 10_000;

const share = (part: number, whole: number) => (whole ? part / whole : null);
const round = (ms: number | null) => (ms === null ? null : Math.round(Number(ms)));

export interface ModelCost {
  model: string;
  answers: number;
  promptTokens: number;
  completionTokens: number;
  /** At today's list prices (lib/llm/pricing). */
  costUsd: number;
}

/** Every figure of the admin's analytics dashboard for a range of days. */
export interface AnalyticsDashboard {
  range: DayRange & { days: number };
  /** One row per day of the range, days without activity included. */
  daily: DailyActivityRow[];
  totals: { conversations: number; messages: number; answers: number; escalations: number };
  outcomes: {
    conversations: number;
    resolved: number;
    escalated: number;
    notHelpful: number;
    resolutionRate: number | null;
    escalationRate: number | null;
  };
  escalationReasons: { reason: string; count: number }[];
  escalationOffers: { reason: string; count: number }[];
  feedback: { helpful: number; notHelpful: number; total: number; helpfulShare: number | null };
  latency: { answers: number; fullP50: number | null; fullP95: number | null; firstTokenP50: number | null; firstTokenP95: number | null };
  answers: {
    answers: number;
    fallback: number;
    fallbackRate: number | null;
    manualsOnly: number;
    manualsOnlyRate: number | null;
    modelFailed: number;
  };
  models: ModelCost[];
  machineModels: { machineModel: string; conversations: number }[];
  gaps: KnowledgeGapRow[];
}

export async function getAnalyticsDashboard(range: DayRange, limits: { machineModels: number; gaps: number } = DASHBOARD_LIMITS) {
  const time = toTimeRange(range);
  const [daily, stats, models, counts, outcomes, machineModels, gaps] = await Promise.all([
    getDailyActivity(time),
    getAnswerStats(time),
    loadModelCosts(range),
    countFeedbackAndEscalations(time),
    getConversationOutcomes(time),
    getTopMachineModels({ ...time, limit: limits.machineModels }),
    getKnowledgeGaps({ ...time, limit: limits.gaps }),
  ]);
  const count = (type: string, key: string) => counts.find((c) => c.type === type && c.key === key)?.count ?? 0;
  const byReason = (type: string) => counts.filter((c) => c.type === type).map((c) => ({ reason: c.key, count: c.count }));
  const helpful = count('feedback_given', 'true');
  const notHelpful = count('feedback_given', 'false');
  const filled = everyDay(range, daily);
  const dashboard: AnalyticsDashboard = {
    range: { ...range, days: daysIn(range) },
    daily: filled,
    totals: {
      conversations: sum(filled, 'conversations'),
      messages: sum(filled, 'messages'),
      answers: stats.answers,
      escalations: sum(filled, 'escalations'),
    },
    outcomes: {
      ...outcomes,
      resolutionRate: share(outcomes.resolved, outcomes.conversations),
      escalationRate: share(outcomes.escalated, outcomes.conversations),
    },
    escalationReasons: byReason('escalation_created'),
    escalationOffers: byReason('escalation_offered'),
    feedback: { helpful, notHelpful, total: helpful + notHelpful, helpfulShare: share(helpful, helpful + notHelpful) },
    latency: {
      answers: stats.answers,
      fullP50: round(stats.latencyP50),
      fullP95: round(stats.latencyP95),
      firstTokenP50: round(stats.firstTokenP50),
      firstTokenP95: round(stats.firstTokenP95),
    },
    answers: {
      answers: stats.answers,
      fallback: stats.fallback,
      fallbackRate: share(stats.fallback, stats.answers),
      manualsOnly: stats.manualsOnly,
      manualsOnlyRate: share(stats.manualsOnly, stats.answers),
      modelFailed: stats.modelFailed,
    },
    models,
    machineModels,
    gaps,
  };
  return dashboard;
}

export async function loadModelCosts(range: DayRange): Promise<ModelCost[]> {
  const usage = await getModelUsage(toTimeRange(range));
  return usage.map((u) => ({ ...u, costUsd: estimateCost(u.model, u.promptTokens, u.completionTokens) }));
}

function everyDay(range: DayRange, rows: DailyActivityRow[]): DailyActivityRow[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return Array.from({ length: daysIn(range) }, (_, i) => {
    const day = addDays(range.from, i);
    return byDay.get(day) ?? { day, conversations: 0, messages: 0, escalations: 0 };
  });
}

function sum<T>(rows: T[], key: keyof T): number {
  return rows.reduce((total, r) => total + Number(r[key]), 0);
}
