import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/auth/guard.server";
import { publishedKeys } from "~/certification/signing.server";

// Public: the key that checks signed Open Badges, which name it in their `kid` (decision 063).
// Any site may fetch it, so a verifier running in a browser can check a badge.
export async function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/[.well-known].jwks[.json]");
  return Response.json(await publishedKeys(), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
