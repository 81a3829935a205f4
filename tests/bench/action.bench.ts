/**
 * Accepting one trainee action on a run that already has 200: lock the run, load its actions,
 * validate with the engine, append, store the summary and serialise the new view. Prints p50
 * and p95, and the ratio to a bare insert-and-select round trip on the same database.
 * Target: p95 20 ms or less on PostgreSQL.
 * Run: DATABASE_URL=postgres://... npx tsx tests/bench/action.bench.ts
 */
if (!process.env.DATABASE_URL) {
  console.log("action bench skipped: set DATABASE_URL to a PostgreSQL database to run it.");
  process.exit(0);
}

// Imported after the check: opening the app's database module connects straight away.
export {};

const { and, eq, gte, sql } = await import("drizzle-orm");
const { database, db } = await import("../../app/db.server");
const { loadCourses } = await import("../../app/content/load.server");
const { loadScenarios } = await import("../../app/practice/library.server");
const { controlClock, startScenario, takeAction } = await import("../../app/practice/runs.server");
const { migrateDatabase } = await import("../../db/migrate");
const { createPerson } = await import("../../db/factories");
const { runActions, runs, users } = await import("../../db/schema");

const PRIOR = 200;
const SAMPLES = 200;

await migrateDatabase(database);
await loadCourses(db);
await loadScenarios(db);
const person = await createPerson(db, { email: `bench-${Date.now()}@example.test`, name: "Bench" });
const { runId } = await startScenario(person.id, "bin-collection-abuse", "practice");
// A paused clock keeps the run in its first beat however long the bench takes.
await controlClock(person.id, runId, "pause");

// A busy trainee: posts, likes, edits, replies; every action valid.
for (let i = 0; i < PRIOR; i++) {
  const kind = i % 4;
  const action =
    kind === 0
      ? { type: "post", text: `Reminder ${i}: bins are a day late this week.` }
      : kind === 1
        ? { type: "like", target: `mine-${i - 1}` }
        : kind === 2
          ? { type: "edit", target: `mine-${i - 2}`, text: `Edited reminder ${i}.` }
          : { type: "reply", target: "tom-thanks", text: `Thanks Tom, reply ${i}.` };
  const result = await takeAction(person.id, runId, action);
  if (!result.ok) throw new Error(`setup action ${i} refused: ${result.reason}`);
}

function percentile(times: number[], q: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Put the run back to exactly PRIOR actions, so every sample sees the same run. */
async function trim() {
  await db.delete(runActions).where(and(eq(runActions.runId, runId), gte(runActions.seq, PRIOR)));
  await db.update(runs).set({ actionCount: PRIOR }).where(eq(runs.id, runId));
}

const actionTimes: number[] = [];
const cpuTimes: number[] = [];
for (let i = 0; i < SAMPLES + 10; i++) {
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  const result = await takeAction(person.id, runId, {
    type: "reply",
    target: "tom-thanks",
    text: `Thanks Tom, sample ${i}.`,
  });
  const body = JSON.stringify(result.ok ? result.state : result);
  const took = performance.now() - started;
  const cpu = process.cpuUsage(startedCpu);
  if (!result.ok) throw new Error(`sample refused: ${result.reason}`);
  if (body.length === 0) throw new Error("empty view");
  if (i >= 10) {
    actionTimes.push(took);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  await trim();
}

// The floor: one insert and one select on a table of the same database.
await db.execute(
  sql.raw("create table if not exists bench_probe (id serial primary key, body jsonb not null)"),
);
const probeTimes: number[] = [];
for (let i = 0; i < SAMPLES + 10; i++) {
  const started = performance.now();
  const inserted = await db.execute(
    sql`insert into bench_probe (body) values (${JSON.stringify({ i })}::jsonb) returning id`,
  );
  const rows = (
    Array.isArray(inserted) ? inserted : (inserted as { rows: unknown[] }).rows
  ) as Array<{
    id: number;
  }>;
  await db.execute(sql`select body from bench_probe where id = ${rows[0]?.id}`);
  if (i >= 10) probeTimes.push(performance.now() - started);
}
await db.execute(sql.raw("drop table bench_probe"));

const p50 = percentile(actionTimes, 0.5);
const p95 = percentile(actionTimes, 0.95);
const floor50 = percentile(probeTimes, 0.5);
const floor95 = percentile(probeTimes, 0.95);
console.log(`database: ${database.driver}; run with ${PRIOR} actions; ${SAMPLES} samples each`);
console.log(
  `accept an action and return the view: p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (target p95 <= 20 ms)`,
);
console.log(
  `  of which app-server CPU:              p50 ${percentile(cpuTimes, 0.5).toFixed(2)} ms, p95 ${percentile(cpuTimes, 0.95).toFixed(2)} ms (wall time on a busy machine includes waiting for a core)`,
);
console.log(
  `bare insert-and-select round trip:    p50 ${floor50.toFixed(2)} ms, p95 ${floor95.toFixed(2)} ms`,
);
console.log(`ratio: p50 ${(p50 / floor50).toFixed(1)}x, p95 ${(p95 / floor95).toFixed(1)}x`);

await db.delete(runs).where(eq(runs.id, runId));
await db.delete(users).where(eq(users.id, person.id));
await database.close();
