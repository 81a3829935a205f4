import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { DepartmentFilter } from "~/components/DepartmentFilter";
import { listDepartments, listPeople } from "~/people/people.server";
import { peopleQuery } from "~/people/person-form";
import { roles } from "~/roles";

export const meta: MetaFunction = () => [{ title: "People – Ready to Post" }];

export async function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/admin.people._index");
  const params = Object.fromEntries(new URL(args.request.url).searchParams);
  const query = peopleQuery.safeParse(params);
  if (!query.success) {
    const issue = query.error.issues[0];
    throw new Response(`The ${String(issue?.path[0] ?? "search")} filter is not valid.`, {
      status: 400,
      statusText: "Bad Request",
    });
  }
  const [result, departments] = await Promise.all([listPeople(query.data), listDepartments()]);
  return { ...result, departments, query: query.data };
}

export default function People() {
  const { people, total, pageSize, departments, query } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const searching =
    navigation.state === "loading" && navigation.location.pathname === "/admin/people";
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `?${next}`;
  };
  const imported = params.get("imported");

  return (
    <div className="stack">
      <div className="actions" style={{ justifyContent: "space-between", marginTop: 0 }}>
        <h1 style={{ margin: 0 }}>People</h1>
        <div className="actions" style={{ marginTop: 0 }}>
          <Link className="button" to="/admin/people/new">
            Add a person
          </Link>
          <Link className="button button--secondary" to="/admin/people/import">
            Import from CSV
          </Link>
        </div>
      </div>
      {imported ? (
        <div className="alert alert--success" role="status">
          {imported}
        </div>
      ) : null}
      <Form method="get" className="filters" role="search" aria-label="Filter people">
        <div className="field">
          <label htmlFor="q">Search by name or email</label>
          <input id="q" name="q" type="search" defaultValue={query.q} />
        </div>
        <div className="field">
          <label htmlFor="role">Role</label>
          <select id="role" name="role" defaultValue={query.role}>
            <option value="">Any role</option>
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </div>
        <DepartmentFilter departments={departments} selected={query.department} />
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={query.status}>
            <option value="active">Active</option>
            <option value="inactive">Deactivated</option>
            <option value="all">Everyone</option>
          </select>
        </div>
        <button type="submit" className="button">
          {searching ? "Searching…" : "Search"}
        </button>
      </Form>
      <p role="status" aria-live="polite">
        {total === 0 ? "No people match." : `${total} ${total === 1 ? "person" : "people"} match.`}
      </p>
      {people.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">People</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Department</th>
                <th scope="col">Line manager</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <td>
                    <Link to={`/admin/people/${person.id}`}>{person.name}</Link>
                  </td>
                  <td>{person.email}</td>
                  <td style={{ textTransform: "capitalize" }}>{person.role}</td>
                  <td>{person.departmentName ?? "None"}</td>
                  <td>{person.lineManagerName ?? "None"}</td>
                  <td>
                    <span className={`status ${person.active ? "status--good" : "status--muted"}`}>
                      {person.active ? "Active" : "Deactivated"}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pages > 1 ? (
        <nav className="pagination" aria-label="Pages of people">
          {query.page > 1 ? <Link to={pageLink(query.page - 1)}>Previous page</Link> : null}
          <span>
            Page {query.page} of {pages}
          </span>
          {query.page < pages ? <Link to={pageLink(query.page + 1)}>Next page</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
