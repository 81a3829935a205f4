import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/auth/guard.server";
import { issuerProfile } from "~/certification/badge.server";

// Public: the Open Badges issuer profile that every credential's `issuer.id` points to, so a
// verifier can read who issued it (decision 063).
export function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/issuer");
  return Response.json(issuerProfile(), {
    headers: { "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" },
  });
}
