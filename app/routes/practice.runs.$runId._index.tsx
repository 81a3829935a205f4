import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { RunPage } from "~/practice/run-page";
import { runFor } from "~/practice/runs.server";
import { requireParams } from "~/route-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.run.title ?? "Practice run"} – Practice – Ready to Post` },
];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/practice.runs.$runId._index");
  return runFor(user.id, requireParams(args.params, { runId: "uuid" }).runId);
}

export default function RunRoute() {
  const { run, live } = useLoaderData<typeof loader>();
  return (
    <div className="run">
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <Link to="/practice">Practice</Link>
          </li>
        </ol>
      </nav>
      {/* A run is remounted from scratch when another run opens in the same tab. */}
      <RunPage key={run.id} run={run} initial={live} />
    </div>
  );
}
