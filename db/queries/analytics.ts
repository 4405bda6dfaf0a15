import 'server-only';
import { db, type Executor } from '@/db';
import { aiAnalyticsEvents } from '@/db/schema';

export type NewAnalyticsEvent = typeof aiAnalyticsEvents.$inferInsert;

export async function insertAnalyticsEvent(values: NewAnalyticsEvent, tx: Executor = db()): Promise<void> {
  await tx.insert(aiAnalyticsEvents).values(values);
}

export async function insertAnalyticsEvents(values: NewAnalyticsEvent[], tx: Executor = db()): Promise<void> {
  if (values.length) await tx.insert(aiAnalyticsEvents).values(values);
}
