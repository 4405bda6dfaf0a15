// One pass of the unread-reply reminders in a process of its own, as a second app instance runs
// it (same Postgres and Redis, from the environment). Prints how many emails it queued.
//   node_modules/.bin/tsx --conditions=react-server tests/helpers/reminder-pass.ts
// START_AT (epoch ms) lines several processes up to start their pass at the same moment.
async function main() {
  const { sendReplyReminders } = await import('@/lib/escalation/reminders');
  const { closeDb, pingDb } = await import('@/db');
  const { closeStore } = await import('@/lib/store');
  await pingDb(); // connected before the start
  const startAt = Number(process.env.START_AT ?? 0);
  if (startAt > Date.now()) await new Promise((r) => setTimeout(r, startAt - Date.now()));
  const queued = await sendReplyReminders();
  process.stdout.write(`${JSON.stringify({ queued })}\n`);
  await closeStore();
  await closeDb();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
