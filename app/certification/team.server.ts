// The manager's dashboard: headline figures, the certification rate by department over the
// last 12 months, and the people table with search, filters, sorting, pages and CSV export.
// One SQL definition of each person's status (peopleSql) serves all of them; its rules are the
// ones in status.ts.
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { and, asc, eq, exists, type SQL, sql } from "drizzle-orm";
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

/**
 * The people in scope with their status for one programme, as a SQL subquery. Everything comes
 * from one row per person: certification_progress holds their newest certificate's dates
 * (decision 062), and status is worked out from those dates here, at read time.
 */
function peopleSql({ actor, programme, at }: Context, departmentId?: string): SQL {
  const scope = inScope(actor);
  const when = at.toISOString();
  const windowOpens = new Date(at.getTime() + programme.renewal.windowDays * day).toISOString();
  return sql`
    select users.id, users.name, users.email, users.department_id, departments.name as department,
      progress.certificate_issued_at as issued_at, progress.certificate_expires_at as expires_at,
      progress.certificate_revoked_at as revoked_at,
      coalesce(progress.done, 0) as done, coalesce(progress.total, 0) as total,
      progress.last_activity_at,
      case
        when progress.certificate_revoked_at is not null then 'revoked'
        when progress.certificate_expires_at <= ${when}::timestamptz then 'expired'
        when progress.certificate_expires_at <= ${windowOpens}::timestamptz then 'expiring'
        when progress.certificate_id is not null then 'certified'
        when coalesce(progress.done, 0) > 0 then 'in-progress'
        else 'not-started'
      end as status
    from users
    left join departments on departments.id = users.department_id
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

interface StatusCount {
  people: number;
  /** Of those, how many have a certificate expiring within 30, 60 and 90 days. */
  within30: number;
  within60: number;
  within90: number;
}

/** How many people have each status; each person's status is worked out once. */
async function statusCounts(
  context: Context,
  departmentId?: string,
): Promise<Map<TeamStatus, StatusCount>> {
  const within = (days: number) => new Date(context.at.getTime() + days * day).toISOString();
  const rows = rowsOf<StatusCount & { status: TeamStatus }>(
    await db.execute(sql`
      select status, count(*)::int as people,
        count(*) filter (where expires_at <= ${within(30)}::timestamptz)::int as "within30",
        count(*) filter (where expires_at <= ${within(60)}::timestamptz)::int as "within60",
        count(*) filter (where expires_at <= ${within(90)}::timestamptz)::int as "within90"
      from (${peopleSql(context, departmentId)}) people
      group by status`),
  );
  return new Map(rows.map((row) => [row.status, row]));
}

/** Live accounts: approved, not suspended by a manager, their certificate in force. */
async function liveAccounts(context: Context, departmentId?: string): Promise<number> {
  const scope = inScope(context.actor);
  const [row] = rowsOf<{ live: number }>(
    await db.execute(sql`
      select count(*)::int as live from account_requests a
      join users on users.id = a.user_id
      where ${liveAccount(context.at)} and users.active ${scope ? sql`and ${scope}` : sql``}
        ${departmentId ? sql`and users.department_id = ${departmentId}` : sql``}`),
  );
  return row?.live ?? 0;
}

function headlineFrom(byStatus: Map<TeamStatus, StatusCount>, live: number): Headline {
  const count = (status: TeamStatus, key: keyof StatusCount = "people") =>
    byStatus.get(status)?.[key] ?? 0;
  // Certified in the figures means in force: valid or inside the renewal window.
  const inForce = (key: keyof StatusCount) => count("certified", key) + count("expiring", key);
  return {
    people: [...byStatus.values()].reduce((sum, row) => sum + row.people, 0),
    certified: inForce("people"),
    inProgress: count("in-progress"),
    notStarted: count("not-started"),
    expiring30: inForce("within30"),
    expiring60: inForce("within60"),
    expiring90: inForce("within90"),
    expired: count("expired"),
    revoked: count("revoked"),
    liveAccounts: live,
  };
}

async function headline(context: Context, departmentId?: string): Promise<Headline> {
  const [byStatus, live] = await Promise.all([
    statusCounts(context, departmentId),
    liveAccounts(context, departmentId),
  ]);
  return headlineFrom(byStatus, live);
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
 * Who held a certificate in force at each month's end, by department. A certificate is in force
 * from its issue until it expires or is revoked, whichever is first; a renewal has no gap, so
 * its current expiry tells for every earlier point too. A person's certificates for a programme
 * never overlap (a new one is awarded only after the last lapsed or was revoked, under a lock
 * on the person: lifecycle.ts), so certificates can be counted rather than people. Each is
 * placed once by the first point at or after its start and its end, and the counts are spread
 * over the points in between here. Headcount is today's: people who joined or left since are
 * not reconstructed.
 */
async function rateByDepartment(context: Context, departmentId?: string) {
  const points = monthPoints(context.at);
  const scope = inScope(context.actor);
  const filter = sql`users.active ${scope ? sql`and ${scope}` : sql``}
    ${departmentId ? sql`and users.department_id = ${departmentId}` : sql``}`;
  const thresholds = sql`${`{${points.map((point) => point.at.toISOString()).join(",")}}`}::timestamptz[]`;
  // The index of the first point at or after a moment: how many points come before it.
  const firstPointFrom = (moment: SQL) =>
    sql`width_bucket(${moment} - interval '1 microsecond', ${thresholds})`;
  const firstPoint = (points[0]?.at ?? context.at).toISOString();
  const [spans, heads] = await Promise.all([
    db.execute(sql`
      select users.department_id, ${firstPointFrom(sql`c.issued_at`)}::int as starts,
        ${firstPointFrom(sql`least(c.expires_at, c.revoked_at)`)}::int as ends,
        count(*)::int as certificates
      from certificates c join users on users.id = c.user_id
      where c.programme_id = ${context.programme.id}
        and c.expires_at > ${firstPoint}::timestamptz and ${filter}
      group by 1, 2, 3`),
    db.execute(sql`
      select users.department_id, departments.name, count(*)::int as people
      from users left join departments on departments.id = users.department_id
      where ${filter}
      group by users.department_id, departments.name
      order by departments.name nulls last`),
  ]);
  // In force at point n: started at or before it (starts <= n) and ended after it (n < ends).
  const held = new Map<string | null, number[]>();
  for (const span of rowsOf<{
    department_id: string | null;
    starts: number;
    ends: number;
    certificates: number;
  }>(spans)) {
    const counts = held.get(span.department_id) ?? points.map(() => 0);
    for (let n = span.starts; n < Math.min(span.ends, points.length); n++) {
      counts[n] = (counts[n] ?? 0) + span.certificates;
    }
    held.set(span.department_id, counts);
  }
  const rate = (count: number, people: number) =>
    people === 0 ? 0 : Math.round((count / people) * 100);
  const series: RateSeries[] = rowsOf<{
    department_id: string | null;
    name: string | null;
    people: number;
  }>(heads).map((row) => ({
    departmentId: row.department_id,
    department: row.name ?? "No department",
    people: row.people,
    rates: points.map((_, n) => rate(held.get(row.department_id)?.[n] ?? 0, row.people)),
  }));
  const total = series.reduce((sum, department) => sum + department.people, 0);
  const overall = points.map((_, n) =>
    rate(
      series.reduce((sum, department) => sum + (held.get(department.departmentId)?.[n] ?? 0), 0),
      total,
    ),
  );
  return { months: points.map((point) => point.label), series, overall };
}

const sortColumns: Record<TeamQuery["sort"], SQL> = {
  name: sql`lower(name)`,
  department: sql`lower(coalesce(department, ''))`,
  status: sql`case status when 'expired' then 0 when 'revoked' then 1 when 'expiring' then 2 when 'in-progress' then 3 when 'not-started' then 4 else 5 end`,
  expires: sql`expires_at`,
  activity: sql`last_activity_at`,
};

/**
 * What each certificate status implies about the copied dates, in a form the database can use
 * before it joins (a condition on the dates alone), so filtering by one of these statuses
 * reads only the people who can have it. `status = …` still decides; these only narrow.
 */
function statusBounds({ at, programme }: Context, status: TeamStatus): SQL | null {
  const when = at.toISOString();
  const windowOpens = new Date(at.getTime() + programme.renewal.windowDays * day).toISOString();
  switch (status) {
    case "revoked":
      return sql`revoked_at is not null`;
    case "expired":
      return sql`expires_at <= ${when}::timestamptz`;
    case "expiring":
      return sql`expires_at > ${when}::timestamptz and expires_at <= ${windowOpens}::timestamptz`;
    case "certified":
      return sql`expires_at > ${windowOpens}::timestamptz`;
    default:
      return null;
  }
}

function filtered(context: Context, query: TeamQuery): SQL {
  const term = query.q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const bounds = query.status ? statusBounds(context, query.status) : null;
  return sql`select * from (${peopleSql(context, query.department || undefined)}) people
    where true
    ${term ? sql`and (name ilike ${`%${term}%`} or email ilike ${`%${term}%`})` : sql``}
    ${query.status ? sql`and status = ${query.status}` : sql``}
    ${bounds ? sql`and ${bounds}` : sql``}`;
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

/**
 * An approved account `a` that is live at this instant: no manager has suspended it and the
 * certificate it rests on is in force (the rule accounts.server.ts shows each account by).
 */
function liveAccount(at: Date): SQL {
  const when = at.toISOString();
  return sql`a.status = 'approved' and a.suspended_at is null
    and exists (select 1 from certificates c where c.user_id = a.user_id
      and c.programme_id = a.programme_id and c.revoked_at is null
      and c.issued_at <= ${when}::timestamptz and c.expires_at > ${when}::timestamptz)`;
}

const accountColumns = (at: Date) => sql`,
  (select count(*)::int from account_requests a where a.user_id = people.id
    and ${liveAccount(at)}) as accounts,
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
  // Without a search, the status counts already give the number of matches, and the page
  // need not count them: at 50,000 people counting is a good part of its cost.
  const searching = query.q !== "";
  const [byStatus, live, chart, page, departmentList] = await Promise.all([
    statusCounts(context, department),
    liveAccounts(context, department),
    rateByDepartment(context, department),
    // The page is chosen on narrow rows (only what the filters and the sort need, so the
    // database skips the rest), then its 25 people are read in full with their live accounts.
    db.execute(sql`
      select people.*, chosen.matches ${accountColumns(context.at)}
      from (
        select id, ${searching ? sql`count(*) over ()` : sql`null`}::int as matches
        from (${filtered(context, query)}) people
        ${ordered(query)}
        limit ${teamPageSize} offset ${(query.page - 1) * teamPageSize}
      ) chosen
      join (${peopleSql(context, department)}) people using (id)
      ${ordered(query)}`),
    departmentsInScope(actor),
  ]);
  const figures = headlineFrom(byStatus, live);
  const rows = rowsOf<PersonRow & { matches: number | null; approved: number }>(page);
  let total: number;
  if (!searching) {
    total = query.status ? (byStatus.get(query.status)?.people ?? 0) : figures.people;
  } else if (rows.length > 0 || query.page === 1) {
    total = rows[0]?.matches ?? 0;
  } else {
    // A page past the last has no row to carry the count.
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
  // One look-up per department rather than a pass over everyone.
  const anyoneInScope = db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.departmentId, departments.id), scope));
  return db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(exists(anyoneInScope))
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
