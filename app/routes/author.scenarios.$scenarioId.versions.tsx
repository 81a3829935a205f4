import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { diffQuery } from "~/authoring/forms";
import { versionDiffFor } from "~/authoring/scenarios.server";
import { requireParams } from "~/route-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Versions of ${data?.title ?? "a scenario"} – Author – Ready to Post` },
];

export async function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/author.scenarios.$scenarioId.versions");
  const { scenarioId } = requireParams(args.params, { scenarioId: "slug" });
  const url = new URL(args.request.url);
  const query = diffQuery.safeParse({
    from: url.searchParams.get("from") || undefined,
    to: url.searchParams.get("to") || undefined,
  });
  const compared = await versionDiffFor(scenarioId, query.success ? query.data : {});
  return {
    ...compared,
    problem: query.success ? compared.problem : "Choose two versions from the lists.",
  };
}

export default function Versions() {
  const page = useLoaderData<typeof loader>();
  const options = page.versions.map((version) => (
    <option key={version.number} value={version.number}>
      v{version.number}
      {version.publishedAt ? "" : " (play-test only)"}
    </option>
  ));
  return (
    <div className="stack">
      <p>
        <Link to={`/author/scenarios/${page.scenario.id}`}>Back to {page.title}</Link>
      </p>
      <h1>Versions of {page.title}</h1>
      {page.versions.length < 2 ? (
        <p>
          There is only {page.versions.length === 1 ? "one version" : "no version"} so far: nothing
          to compare.
        </p>
      ) : (
        <Form method="get" className="author-compare card">
          <div className="field">
            <label htmlFor="from">Older version</label>
            <select id="from" name="from" defaultValue={page.from ?? undefined}>
              {options}
            </select>
          </div>
          <div className="field">
            <label htmlFor="to">Newer version</label>
            <select id="to" name="to" defaultValue={page.to ?? undefined}>
              {options}
            </select>
          </div>
          <button type="submit" className="button">
            Compare
          </button>
        </Form>
      )}
      {page.problem ? (
        <div className="alert alert--error" role="alert">
          {page.problem}
        </div>
      ) : null}
      {page.diff ? (
        <section className="stack" aria-labelledby="diff-heading">
          <h2 id="diff-heading">
            Changes from v{page.from} to v{page.to}
          </h2>
          <p>
            {page.diff.added === 0 && page.diff.removed === 0
              ? "The two versions are the same."
              : `${page.diff.added} line${page.diff.added === 1 ? "" : "s"} added, ${page.diff.removed} removed.`}
          </p>
          <section className="diff" aria-label={`Line changes from v${page.from} to v${page.to}`}>
            {page.diff.hunks.map((hunk, index) =>
              hunk.kind === "folded" ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: hunks have no id; their order is fixed
                <p key={index} className="diff__folded">
                  {hunk.count} unchanged line{hunk.count === 1 ? "" : "s"}
                </p>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: hunks have no id; their order is fixed
                <ol key={index} className="diff__lines">
                  {hunk.lines.map((line) => (
                    <li
                      key={`${line.oldNumber}-${line.newNumber}`}
                      className={`diff__line diff__line--${line.kind}`}
                    >
                      <span className="diff__number" aria-hidden="true">
                        {line.oldNumber ?? ""}
                      </span>
                      <span className="diff__number" aria-hidden="true">
                        {line.newNumber ?? ""}
                      </span>
                      <span className="diff__sign" aria-hidden="true">
                        {line.kind === "added" ? "+" : line.kind === "removed" ? "-" : " "}
                      </span>
                      <span className="visually-hidden">
                        {line.kind === "added"
                          ? `Added, line ${line.newNumber}: `
                          : line.kind === "removed"
                            ? `Removed, was line ${line.oldNumber}: `
                            : `Unchanged, line ${line.newNumber}: `}
                      </span>
                      {line.kind === "same" ? (
                        <code>{line.text}</code>
                      ) : line.kind === "added" ? (
                        <ins>
                          <code>{line.text}</code>
                        </ins>
                      ) : (
                        <del>
                          <code>{line.text}</code>
                        </del>
                      )}
                    </li>
                  ))}
                </ol>
              ),
            )}
          </section>
        </section>
      ) : null}
    </div>
  );
}
