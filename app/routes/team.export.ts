import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/auth/guard.server";
import { teamQuery } from "~/certification/forms";
import { teamCsv } from "~/certification/team.server";

export function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/team.export");
  const query = teamQuery.safeParse(Object.fromEntries(new URL(args.request.url).searchParams));
  if (!query.success) {
    const issue = query.error.issues[0];
    return new Response(`The ${String(issue?.path[0] ?? "search")} filter is not valid.`, {
      status: 400,
    });
  }
  const actor = { id: user.id, role: user.role, departmentId: user.departmentId };
  return new Response(teamCsv(actor, query.data), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="team-certification.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
