import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/auth/guard.server";
import { databaseHealth } from "~/health.server";

// For load balancers and uptime checks: 200 when the database answers, 503 when not.
export async function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/healthz");
  const health = await databaseHealth();
  return Response.json(
    { status: health.database === "up" ? "ok" : "unavailable", ...health },
    { status: health.database === "up" ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
