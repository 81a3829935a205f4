import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { auditLogPage } from "~/certification/audit-log.server";
import { auditQuery } from "~/certification/forms";
import { AuditTable } from "~/components/AuditTable";

export const meta: MetaFunction = () => [{ title: "Audit log – Ready to Post" }];

export async function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/admin.audit._index");
  const query = auditQuery.safeParse(Object.fromEntries(new URL(args.request.url).searchParams));
  if (!query.success) {
    const issue = query.error.issues[0];
    throw new Response(`The ${String(issue?.path[0] ?? "search")} filter is not valid.`, {
      status: 400,
      statusText: "Bad Request",
    });
  }
  return { ...(await auditLogPage(query.data)), query: query.data };
}

const categories = [
  ["", "Everything"],
  ["certificate", "Certificates"],
  ["account", "Live accounts"],
  ["user", "People"],
  ["course", "Courses"],
  ["settings", "Settings"],
  ["platform", "Platforms"],
] as const;

export default function AuditLog() {
  const { entries, total, pageSize, query } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location.pathname === "/admin/audit";
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `?${next}`;
  };
  return (
    <div className="stack">
      <h1>Audit log</h1>
      <p className="lede">Every change of status: who made it, when, and why.</p>
      <Form method="get" className="filters" role="search" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="category">What</label>
          <select id="category" name="category" defaultValue={query.category}>
            {categories.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="q">Person or action</label>
          <input id="q" name="q" type="search" defaultValue={query.q} />
        </div>
        <button type="submit" className="button">
          {loading ? "Filtering…" : "Filter"}
        </button>
      </Form>
      <p role="status" aria-live="polite">
        {total === 0 ? "No entries match." : `${total} ${total === 1 ? "entry" : "entries"}.`}
      </p>
      {entries.length > 0 ? (
        <AuditTable
          caption="Audit entries, newest first"
          entries={entries.map((entry) => ({
            ...entry,
            about:
              entry.about && entry.aboutId ? { name: entry.about, personId: entry.aboutId } : null,
          }))}
        />
      ) : null}
      {pages > 1 ? (
        <nav className="pagination" aria-label="Pages of the audit log">
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
