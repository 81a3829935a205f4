export {};

// The manager's dashboard at organisation scale, on PostgreSQL: 50,000 staff in 200
// departments with realistic progress. Prints the p95 of the dashboard's data for one
// department and for the whole organisation (target 100 ms each), and the time and memory of
// the CSV export of all 50,000 (target 3 s, memory flat). It empties DATABASE_URL's database.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/rtp_bench npx tsx tests/bench/dashboard.bench.ts

if (!process.env.DATABASE_URL) {
  console.log("dashboard.bench: skipped. Set DATABASE_URL to a PostgreSQL database it may empty.");
  process.exit(0);
}

const { sql } = await import("drizzle-orm");
const { closeDatabase, db, prepareDatabase, queryRows } = await import("../db/harness");
const { teamCsv, teamDashboard } = await import("../../app/certification/team.server");
const { teamQuery } = await import("../../app/certification/forms");

const people = 50_000;
const departmentCount = 200;

async function seed() {
  await prepareDatabase();
  await db.execute(sql`
    insert into departments (name)
    select 'Department ' || lpad(g::text, 3, '0') from generate_series(1, ${departmentCount}) g`);
  await db.execute(sql`
    with d as (select id, (row_number() over (order by name) - 1)::int as n from departments)
    insert into users (email, name, role, department_id)
    select 'person' || g || '@bench.test',
      (array['Alex','Sam','Jo','Priya','Tom','Grace','Aled','Bethan','Chris','Farah'])[1 + g % 10]
        || ' ' || (array['Jones','Shah','Evans','Okafor','Price','Walker','Morris','Ahmed','Lee','Davies'])[1 + (g / 10) % 10]
        || ' ' || g,
      case when g % 250 = 0 then 'manager'::role else 'staff'::role end, d.id
    from generate_series(1, ${people}) g join d on d.n = g % ${departmentCount}`);
  // About 55% certified at some point in the last 14 months: some expired, some in the renewal
  // window, 1% of those revoked.
  await db.execute(sql`
    insert into certificates (user_id, programme_id, programme_title, programme_hash, code,
      issued_at, expires_at, evidence, revoked_at, revoked_reason)
    select id, 'staff-social-media-access', 'Staff social media access', 'bench',
      upper(md5(id || random()::text)), issued, issued + interval '12 months', '[]'::jsonb,
      case when random() < 0.01 then issued + interval '30 days' end,
      'Benchmark revocation'
    from (select id, now() - random() * interval '420 days' as issued from users where random() < 0.55) s`);
  // The trigger on certificates has already copied each holder's newest certificate onto their
  // progress row, as it does for the app's awards (decision 062); this adds everyone's steps.
  await db.execute(sql`
    insert into certification_progress (user_id, programme_id, done, total, last_activity_at)
    select u.id, 'staff-social-media-access',
      case when c.user_id is not null then 14 when random() < 0.45 then 0 else 1 + floor(random() * 13)::int end,
      14, case when random() < 0.7 then now() - random() * interval '200 days' end
    from users u left join certificates c on c.user_id = u.id
    on conflict (user_id, programme_id) do update set done = excluded.done,
      total = excluded.total, last_activity_at = excluded.last_activity_at`);
  await db.execute(sql`
    insert into account_requests (user_id, platform_id, platform_name, handle, programme_id,
      status, requested_at, decided_at, observed_state)
    select user_id, 'x', 'X', '@bench' || row_number() over (), 'staff-social-media-access',
      'approved', issued_at + interval '1 day', issued_at + interval '2 days', 'active'
    from certificates where random() < 0.2`);
  await db.execute(sql`analyze`);
}

function p95(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.95) - 1] ?? 0;
}

async function time(label: string, runs: number, work: () => Promise<unknown>) {
  await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
  console.log(
    `${label}: p95 ${p95(times).toFixed(1)} ms, median ${median.toFixed(1)} ms (${runs} runs; target p95 <= 100 ms)`,
  );
}

try {
  const seeding = performance.now();
  await seed();
  const [counts] = await queryRows<{ users: number; certificates: number }>(
    sql`select (select count(*)::int from users) as users, (select count(*)::int from certificates) as certificates`,
  );
  console.log(
    `Seeded ${counts?.users} people in ${departmentCount} departments, ${counts?.certificates} certificates, in ${Math.round(performance.now() - seeding)} ms.`,
  );

  const [manager] = await queryRows<{ id: string; department_id: string }>(
    sql`select id, department_id from users where role = 'manager' limit 1`,
  );
  const managerActor = {
    id: manager?.id as string,
    role: "manager" as const,
    departmentId: manager?.department_id ?? null,
  };
  const admin = { id: manager?.id as string, role: "admin" as const, departmentId: null };
  const defaults = teamQuery.parse({});

  await time("Dashboard, one department (250 people)", 40, () =>
    teamDashboard(managerActor, defaults),
  );
  await time("Dashboard, whole organisation (50,000 people)", 40, () =>
    teamDashboard(admin, defaults),
  );
  await time("Dashboard, whole organisation, expiring, by expiry, page 3", 20, () =>
    teamDashboard(admin, teamQuery.parse({ status: "expiring", sort: "expires", page: "3" })),
  );

  // The CSV export of everyone, streamed: time to the last byte and the growth of RSS.
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  let bytes = 0;
  let lines = 0;
  const reader = teamCsv(admin, defaults).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const byte of value) if (byte === 10) lines++;
  }
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `CSV export of everyone: ${lines - 1} rows, ${(bytes / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms (target <= 3000 ms); peak RSS growth ${((peak - baseline) / 1e6).toFixed(1)} MB`,
  );
} finally {
  await closeDatabase();
}
