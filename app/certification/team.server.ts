// The manager's dashboard: headline figures, the certification rate by department over the
// last 12 months, and the people table with search, filters, sorting, pages and CSV export.
// One SQL definition of each person's status (peopleSql) serves all of them; its rules are the
// ones in status.ts.
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { asc, eq, type SQL, sql } from "drizzle-orm";
import { departments, users } from "../../db/schema";
import { now } from "../clock.server";
import type { Programme } from "../content/types";
import { db } from "../db.server";
import { formatDate } from "../learn/format";
import { rowsOf } from "./award.server";
import { safeCell } from "./csv";
import type { TeamQuery, TeamStatus } from "./forms";
import { baseProgramme, programmeById, programmes } from "./programmes.server";
import { type Actor, inScope } from "./scope.server";

export const teamPageSize = 25;
const day = 86_400_000;

interface Context {
  actor: Actor;
  programme: Programme;
  at: Date;
}

/** The people in scope with their status for one programme, as a SQL subquery. */
function peopleSql({ actor, programme, at }: Context, departmentId?: string): SQL {
  const scope = inScope(actor);
  const when = at.toISOString();
  const windowStart = sql`(${when}::timestamptz + ${`${programme.renewal.windowDays} days`}::interval)`;
  // Each person's newest certificate for the programme. For a whole organisation one sort and
  // a hash join are far cheaper than a lookup per person; for a department, the lookups are.
  const wide = !scope && !departmentId;
  const latestJoin = wide
    ? sql`left join latest on latest.user_id = users.id`
    : sql`left join lateral (
        select c.user_id, c.issued_at, c.expires_at, c.revoked_at from certificates c
        where c.user_id = users.id and c.programme_id = ${programme.id}
          and c.issued_at <= ${when}::timestamptz
        order by c.issued_at desc limit 1
      ) latest on true`;
  return sql`
    with latest as (
      select distinct on (c.user_id) c.user_id, c.issued_at, c.expires_at, c.revoked_at
      from certificates c
      where c.programme_id = ${programme.id} and c.issued_at <= ${when}::timestamptz
      order by c.user_id, c.issued_at desc
    )
    select users.id, users.name, users.email, users.department_id, departments.name as department,
      latest.issued_at, latest.expires_at, latest.revoked_at,
      coalesce(progress.done, 0) as done, coalesce(progress.total, 0) as total,
      progress.last_activity_at,
      case
        when latest.revoked_at is not null then 'revoked'
        when latest.expires_at <= ${when}::timestamptz then 'expired'
        when latest.expires_at <= ${windowStart} then 'expiring'
        when latest.user_id is not null then 'certified'
        when coalesce(progress.done, 0) > 0 then 'in-progress'
        else 'not-started'
      end as status
    from users
    left join departments on departments.id = users.department_id
    ${latestJoin}
    left join certification_progress progress
      on progress.user_id = users.id and progress.programme_id = ${programme.id}
    where users.active ${scope ? sql`and ${scope}` : sql``}
      ${departmentId ? sql`and users.department_id = ${departmentId}` : sql``}`;
}

export interface Headline {
  people: number;
  certified: number;
  inProgress: number;
  notStarted: number;
  expiring30: number;
  expiring60: number;
  expiring90: number;
  expired: number;
  revoked: number;
  liveAccounts: number;
}

async function headline(context: Context, departmentId?: string): Promise<Headline> {
  const when = context.at.toISOString();
  const within = (days: number) =>
    sql`count(*) filter (where status in ('certified', 'expiring') and expires_at <= ${when}::timestamptz + ${`${days} days`}::interval)::int`;
  const [row] = rowsOf<Record<keyof Omit<Headline, "liveAccounts">, number>>(
    await db.execute(sql`
      select count(*)::int as people,
        count(*) filter (where status in ('certified', 'expiring'))::int as certified,
        count(*) filter (where status = 'in-progress')::int as "inProgress",
        count(*) filter (where status = 'not-started')::int as "notStarted",
        ${within(30)} as "expiring30", ${within(60)} as "expiring60", ${within(90)} as "expiring90",
        count(*) filter (where status = 'expired')::int as expired,
        count(*) filter (where status = 'revoked')::int as revoked
      from (${peopleSql(context, departmentId)}) people`),
  );
  const scope = inScope(context.actor);
  const [accounts] = rowsOf<{ live: number }>(
    await db.execute(sql`
      select count(*)::int as live from account_requests a
      join users on users.id = a.user_id
      where a.status = 'approved' and users.active ${scope ? sql`and ${scope}` : sql``}
        ${departmentId ? sql`and users.department_id = ${departmentId}` : sql``}
        and exists (select 1 from certificates c where c.user_id = a.user_id
          and c.programme_id = a.programme_id and c.revoked_at is null
          and c.issued_at <= ${when}::timestamptz and c.expires_at > ${when}::timestamptz)`),
  );
  return {
    people: row?.people ?? 0,
    certified: row?.certified ?? 0,
    inProgress: row?.inProgress ?? 0,
    notStarted: row?.notStarted ?? 0,
    expiring30: row?.expiring30 ?? 0,
    expiring60: row?.expiring60 ?? 0,
    expiring90: row?.expiring90 ?? 0,
    expired: row?.expired ?? 0,
    revoked: row?.revoked ?? 0,
    liveAccounts: accounts?.live ?? 0,
  };
}

/** The end of each of the last 12 months, the current month ending now. */
export function monthPoints(at: Date): { label: string; at: Date }[] {
  const label = new Intl.DateTimeFormat("en-GB", {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
  const points: { label: string; at: Date }[] = [];
  for (let back = 11; back >= 0; back--) {
    const start = Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - back, 1);
    const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - back + 1, 1) - 1);
    points.push({ label: label.format(new Date(start)), at: back === 0 ? at : end });
  }
  return points;
}

export interface RateSeries {
  departmentId: string | null;
  department: string;
  people: number;
  /** Percentage certified at each month's end, oldest first. */
  rates: number[];
}

/**
 * Who held a certificate in force at each month's end, by department. A renewal has no gap, so
 * a certificate's current expiry also tells whether it was in force at any earlier point.
 * Headcount is today's: people who joined or left since are not reconstructed.
 */
async function rateByDepartment(context: Context, departmentId?: string) {
  const points = monthPoints(context.at);
  const scope = inScope(context.actor);
  const values = sql.join(
    points.map((point, index) => sql`(${index}, ${point.at.toISOString()}::timestamptz)`),
    sql`, `,
  );
  const filter = sql`users.active ${scope ? sql`and ${scope}` : sql``}
    ${departmentId ? sql`and users.department_id = ${departmentId}` : sql``}`;
  const [counts, heads] = await Promise.all([
    db.execute(sql`
      with points(n, at) as (values ${values})
      select points.n, users.department_id, count(distinct c.user_id)::int as certified
      from certificates c
      join users on users.id = c.user_id
      join points on c.issued_at <= points.at and c.expires_at > points.at
        and (c.revoked_at is null or c.revoked_at > points.at)
      where c.programme_id = ${context.programme.id} and ${filter}
      group by points.n, users.department_id`),
    db.execute(sql`
      select users.department_id, departments.name, count(*)::int as people
      from users left join departments on departments.id = users.department_id
      where ${filter}
      group by users.department_id, departments.name
      order by departments.name nulls last`),
  ]);
  const certified = new Map<string, number>();
  for (const row of rowsOf<{ n: number; department_id: string | null; certified: number }>(
    counts,
  )) {
    certified.set(`${row.department_id}:${row.n}`, row.certified);
  }
  const series: RateSeries[] = rowsOf<{
    department_id: string | null;
    name: string | null;
    people: number;
  }>(heads).map((row) => ({
    departmentId: row.department_id,
    department: row.name ?? "No department",
    people: row.people,
    rates: points.map((_, n) => {
      const held = certified.get(`${row.department_id}:${n}`) ?? 0;
      return row.people === 0 ? 0 : Math.round((held / row.people) * 100);
    }),
  }));
  const total = series.reduce((sum, s) => sum + s.people, 0);
  const overall = points.map((_, n) => {
    const held = series.reduce((sum, s) => sum + (certified.get(`${s.departmentId}:${n}`) ?? 0), 0);
    return total === 0 ? 0 : Math.round((held / total) * 100);
  });
  return { months: points.map((point) => point.label), series, overall };
}

const sortColumns: Record<TeamQuery["sort"], SQL> = {
  name: sql`lower(name)`,
  department: sql`lower(coalesce(department, ''))`,
  status: sql`case status when 'expired' then 0 when 'revoked' then 1 when 'expiring' then 2 when 'in-progress' then 3 when 'not-started' then 4 else 5 end`,
  expires: sql`expires_at`,
  activity: sql`last_activity_at`,
};

function filtered(context: Context, query: TeamQuery): SQL {
  const term = query.q.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`select * from (${peopleSql(context, query.department || undefined)}) people
    where true
    ${term ? sql`and (name ilike ${`%${term}%`} or email ilike ${`%${term}%`})` : sql``}
    ${query.status ? sql`and status = ${query.status}` : sql``}`;
}

function ordered(query: TeamQuery): SQL {
  const direction = query.dir === "desc" ? sql`desc` : sql`asc`;
  return sql`order by ${sortColumns[query.sort]} ${direction} nulls last, lower(name) asc, id asc`;
}

interface PersonRow {
  id: string;
  name: string;
  email: string;
  department: string | null;
  issued_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  done: number;
  total: number;
  last_activity_at: string | null;
  status: TeamStatus;
  accounts?: number;
  suspended?: number;
}

const accountColumns = (at: Date) => sql`,
  (select count(*)::int from account_requests a where a.user_id = people.id and a.status = 'approved'
    and exists (select 1 from certificates c where c.user_id = a.user_id and c.programme_id = a.programme_id
      and c.revoked_at is null and c.issued_at <= ${at.toISOString()}::timestamptz
      and c.expires_at > ${at.toISOString()}::timestamptz)) as accounts,
  (select count(*)::int from account_requests a where a.user_id = people.id and a.status = 'approved') as approved`;

/** "Certified until 3 May", "Expires in 12 days", "62% of the way": what the table says. */
export function personStatusText(
  row: Pick<PersonRow, "status" | "expires_at" | "revoked_at" | "done" | "total">,
  at: Date,
): string {
  switch (row.status) {
    case "certified":
      return `Certified until ${formatDate(row.expires_at as string)}`;
    case "expiring": {
      const days = Math.ceil((new Date(row.expires_at as string).getTime() - at.getTime()) / day);
      return `Expires in ${days} day${days === 1 ? "" : "s"}`;
    }
    case "expired":
      return `Expired on ${formatDate(row.expires_at as string)}`;
    case "revoked":
      return `Revoked on ${formatDate(row.revoked_at as string)}`;
    case "in-progress":
      return `${row.total === 0 ? 0 : Math.floor((row.done / row.total) * 100)}% of the way`;
    case "not-started":
      return "Not started";
  }
}

function toPerson(row: PersonRow & { approved?: number }, at: Date) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    department: row.department,
    status: row.status,
    statusText: personStatusText(row, at),
    percent: row.total === 0 ? 0 : Math.floor((row.done / row.total) * 100),
    expiresAt: row.expires_at,
    lastActivityAt: row.last_activity_at,
    liveAccounts: row.accounts ?? 0,
    suspendedAccounts: (row.approved ?? 0) - (row.accounts ?? 0),
  };
}

function contextFor(actor: Actor, programmeId: string): Context {
  const programme = (programmeId && programmeById(programmeId)) || baseProgramme();
  return { actor, programme, at: now() };
}

/** Everything /team shows, for the people this actor looks after. */
export async function teamDashboard(actor: Actor, query: TeamQuery) {
  const context = contextFor(actor, query.programme);
  const department = query.department || undefined;
  const [figures, chart, page, departmentList] = await Promise.all([
    headline(context, department),
    rateByDepartment(context, department),
    // Live accounts are counted for the page's rows only, after the limit.
    db.execute(sql`
      select people.* ${accountColumns(context.at)} from (
        select people.*, count(*) over ()::int as matches
        from (${filtered(context, query)}) people
        ${ordered(query)}
        limit ${teamPageSize} offset ${(query.page - 1) * teamPageSize}
      ) people ${ordered(query)}`),
    departmentsInScope(actor),
  ]);
  const rows = rowsOf<PersonRow & { matches: number; approved: number }>(page);
  let total = rows[0]?.matches ?? 0;
  if (rows.length === 0 && query.page > 1) {
    const [counted] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from (${filtered(context, query)}) people`),
    );
    total = counted?.n ?? 0;
  }
  return {
    programme: { id: context.programme.id, title: context.programme.title },
    programmes: programmes().map((p) => ({ id: p.id, title: p.title })),
    figures,
    chart,
    people: rows.map((row) => toPerson(row, context.at)),
    total,
    pageSize: teamPageSize,
    departments: departmentList,
    scope: actor.role === "admin" ? "organisation" : "department",
  };
}

export async function departmentsInScope(actor: Actor) {
  const scope = inScope(actor);
  return db
    .selectDistinct({ id: departments.id, name: departments.name })
    .from(departments)
    .innerJoin(users, eq(users.departmentId, departments.id))
    .where(scope)
    .orderBy(asc(departments.name));
}

const exportBatch = 2000;

/**
 * The filtered table as CSV, streamed in batches so memory stays flat however many people
 * match. Every cell goes through safeCell, so nothing in it runs as a spreadsheet formula.
 */
export function teamCsv(actor: Actor, query: TeamQuery): ReadableStream<Uint8Array> {
  const context = contextFor(actor, query.programme);
  const csv = stringify({
    header: true,
    columns: [
      "Name",
      "Email",
      "Department",
      "Status",
      "Progress (%)",
      "Certificate expires",
      "Live accounts",
      "Last activity",
    ],
  });
  // One query, read through a cursor in batches: the database works once, and no more than a
  // batch is held in memory. Writing waits for the stream to drain, so a slow client slows the
  // reading rather than filling memory.
  const write = (record: string[]) =>
    csv.write(record)
      ? Promise.resolve()
      : new Promise<void>((resolve) => csv.once("drain", resolve));
  db.transaction(async (tx) => {
    await tx.execute(sql`
      declare team_export no scroll cursor for
      select people.* ${accountColumns(context.at)}
      from (${filtered(context, query)}) people
      ${ordered(query)}`);
    for (;;) {
      const batch = rowsOf<PersonRow & { approved: number }>(
        await tx.execute(sql.raw(`fetch ${exportBatch} from team_export`)),
      );
      for (const row of batch) {
        const person = toPerson(row, context.at);
        await write([
          safeCell(person.name),
          safeCell(person.email),
          safeCell(person.department ?? ""),
          safeCell(person.statusText),
          safeCell(person.percent),
          safeCell(person.expiresAt ? new Date(person.expiresAt).toISOString().slice(0, 10) : ""),
          safeCell(person.liveAccounts),
          safeCell(person.lastActivityAt ? new Date(person.lastActivityAt).toISOString() : ""),
        ]);
      }
      if (batch.length < exportBatch) break;
    }
    await tx.execute(sql`close team_export`);
  }).then(
    () => csv.end(),
    (error: unknown) => csv.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return Readable.toWeb(csv) as unknown as ReadableStream<Uint8Array>;
}

/** Only the headline figures, for the home page. */
export async function teamHeadline(actor: Actor, programmeId: string) {
  return headline(contextFor(actor, programmeId));
}
