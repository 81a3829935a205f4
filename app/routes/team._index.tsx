import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { pendingRequests } from "~/certification/accounts.server";
import { RateChart, StatusTag } from "~/certification/components";
import { teamQuery, teamStatuses } from "~/certification/forms";
import { sendDueReminders } from "~/certification/reminders.server";
import { teamDashboard } from "~/certification/team.server";
import { DepartmentFilter } from "~/components/DepartmentFilter";
import { formatDate } from "~/learn/format";

export const meta: MetaFunction = () => [{ title: "Team – Ready to Post" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/team._index");
  const query = teamQuery.safeParse(Object.fromEntries(new URL(args.request.url).searchParams));
  if (!query.success) {
    const issue = query.error.issues[0];
    throw new Response(`The ${String(issue?.path[0] ?? "search")} filter is not valid.`, {
      status: 400,
      statusText: "Bad Request",
    });
  }
  const actor = { id: user.id, role: user.role, departmentId: user.departmentId };
  const [dashboard, pending] = await Promise.all([
    teamDashboard(actor, query.data),
    pendingRequests(actor),
  ]);
  // A manager's visit is one of the moments reminders go out for the people shown.
  await sendDueReminders({ userIds: dashboard.people.map((person) => person.id) });
  return { ...dashboard, pending, query: query.data };
}

const statusNames: Record<(typeof teamStatuses)[number], string> = {
  certified: "Certified",
  expiring: "Expiring (renewal window open)",
  expired: "Expired",
  revoked: "Revoked",
  "in-progress": "In progress",
  "not-started": "Not started",
};

const sortNames = {
  name: "Name",
  department: "Department",
  status: "Status",
  expires: "Expiry date",
  activity: "Last activity",
};

export default function Team() {
  const data = useLoaderData<typeof loader>();
  const { figures, chart, people, total, pageSize, query, departments, pending } = data;
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location.pathname === "/team";
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const linkWith = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) next.set(key, value);
    return `?${next}`;
  };
  const exportParams = new URLSearchParams(params);
  exportParams.delete("page");
  const many = chart.series.length > 6;
  const series =
    many || query.department
      ? [
          {
            name: query.department
              ? (chart.series[0]?.department ?? "Department")
              : "Whole organisation",
            rates: query.department ? (chart.series[0]?.rates ?? []) : chart.overall,
          },
        ]
      : chart.series.map((s) => ({ name: s.department, rates: s.rates }));
  const latest = chart.overall.at(-1) ?? 0;
  const cards: [string, number, string][] = [
    ["Certified", figures.certified, "certified"],
    ["In progress", figures.inProgress, "in-progress"],
    ["Not started", figures.notStarted, "not-started"],
    ["Expiring in 30 days", figures.expiring30, "expiring"],
    ["Expiring in 60 days", figures.expiring60, "expiring"],
    ["Expiring in 90 days", figures.expiring90, "expiring"],
    ["Expired", figures.expired, "expired"],
    ["Revoked", figures.revoked, "revoked"],
    ["Live accounts", figures.liveAccounts, ""],
  ];
  return (
    <div className="stack">
      <h1>Team</h1>
      <p className="lede">
        {data.scope === "organisation"
          ? "Everyone in the organisation"
          : "Your department and the people you manage"}
        : {figures.people} {figures.people === 1 ? "person" : "people"}, for “{data.programme.title}
        ”.
      </p>
      {pending.length > 0 ? (
        <section className="card stack" aria-labelledby="pending-heading">
          <h2 id="pending-heading">Account requests waiting for you</h2>
          <ul>
            {pending.map((request) => (
              <li key={request.id}>
                <Link to={`/team/${request.personId}#accounts-heading`}>{request.person}</Link>:{" "}
                {request.handle} on {request.platform}, asked {formatDate(request.requestedAt)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading">At a glance</h2>
        <ul className="figures">
          {cards.map(([label, value, status]) => (
            <li key={label} className="figure-card">
              {status ? (
                <Link to={linkWith({ status, page: "1" })}>
                  <span className="figure-card__value">{value}</span>{" "}
                  <span className="figure-card__label">{label}</span>
                </Link>
              ) : (
                <>
                  <span className="figure-card__value">{value}</span>{" "}
                  <span className="figure-card__label">{label}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="chart-heading" className="stack">
        <h2 id="chart-heading">Certification rate over the last 12 months</h2>
        <RateChart
          months={chart.months}
          series={series}
          summary={`Line chart of the share of people certified at each month's end, ${chart.months[0]} to ${chart.months.at(-1)}. Now ${latest}% overall. The table below gives every figure.`}
        />
        <details>
          <summary>The figures as a table</summary>
          <div className="table-wrap">
            <table>
              <caption>Share of people certified at each month's end, by department</caption>
              <thead>
                <tr>
                  <th scope="col">Department</th>
                  {chart.months.map((month) => (
                    <th scope="col" key={month}>
                      {month}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {chart.series.map((s) => (
                  <tr key={s.departmentId ?? "none"}>
                    <th scope="row">
                      {s.department} ({s.people})
                    </th>
                    {s.rates.map((rate, index) => (
                      <td key={chart.months[index]}>{rate}%</td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row">All</th>
                  {chart.overall.map((rate, index) => (
                    <td key={chart.months[index]}>{rate}%</td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
        </details>
      </section>
      <section aria-labelledby="people-heading" className="stack">
        <h2 id="people-heading">People</h2>
        <Form method="get" className="filters" role="search" aria-label="Filter people">
          <div className="field">
            <label htmlFor="q">Name or email</label>
            <input id="q" name="q" type="search" defaultValue={query.q} />
          </div>
          <DepartmentFilter departments={departments} selected={query.department} />
          <div className="field">
            <label htmlFor="status">Status</label>
            <select id="status" name="status" defaultValue={query.status}>
              <option value="">Any status</option>
              {teamStatuses.map((status) => (
                <option key={status} value={status}>
                  {statusNames[status]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="programme">Programme</label>
            <select id="programme" name="programme" defaultValue={data.programme.id}>
              {data.programmes.map((programme) => (
                <option key={programme.id} value={programme.id}>
                  {programme.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="sort">Sort by</label>
            <select id="sort" name="sort" defaultValue={query.sort}>
              {Object.entries(sortNames).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="dir">Order</label>
            <select id="dir" name="dir" defaultValue={query.dir}>
              <option value="asc">Ascending</option>
              <option value="desc">Descending</option>
            </select>
          </div>
          <button type="submit" className="button">
            {loading ? "Filtering…" : "Filter"}
          </button>
        </Form>
        <div className="actions" style={{ justifyContent: "space-between" }}>
          <p role="status" aria-live="polite" style={{ margin: 0 }}>
            {total === 0
              ? "No people match."
              : `${total} ${total === 1 ? "person matches" : "people match"}.`}
          </p>
          <a className="button button--secondary" href={`/team/export?${exportParams}`} download>
            Download CSV
          </a>
        </div>
        {people.length > 0 ? (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">
                People, sorted by {sortNames[query.sort].toLowerCase()}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Department</th>
                  <th scope="col">Status</th>
                  <th scope="col">Live accounts</th>
                  <th scope="col">Last activity</th>
                </tr>
              </thead>
              <tbody>
                {people.map((person) => (
                  <tr key={person.id}>
                    <td>
                      <Link to={`/team/${person.id}`}>{person.name}</Link>
                    </td>
                    <td>{person.department ?? "None"}</td>
                    <td>
                      <StatusTag status={person.status}>{person.statusText}</StatusTag>
                    </td>
                    <td>
                      {person.liveAccounts}
                      {person.suspendedAccounts > 0
                        ? ` (${person.suspendedAccounts} suspended)`
                        : ""}
                    </td>
                    <td>
                      {person.lastActivityAt ? formatDate(person.lastActivityAt) : "None yet"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {pages > 1 ? (
          <nav className="pagination" aria-label="Pages of people">
            {query.page > 1 ? (
              <Link to={linkWith({ page: String(query.page - 1) })}>Previous page</Link>
            ) : null}
            <span>
              Page {query.page} of {pages}
            </span>
            {query.page < pages ? (
              <Link to={linkWith({ page: String(query.page + 1) })}>Next page</Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
