import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/auth/guard.server";
import { signedRevocationListCredential, statusListTtl } from "~/certification/badge.server";
import { requireParams } from "~/route-params.server";

// Public: a revocation status list that signed badges name in their `credentialStatus`
// (decision 066). Any site may fetch it; caches may keep it as long as its `ttl` says.
export async function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/credentials.status.$list");
  const { list } = requireParams(args.params, { list: "number" });
  return new Response(await signedRevocationListCredential(Number(list)), {
    headers: {
      "Content-Type": "application/jwt",
      "Cache-Control": `public, max-age=${statusListTtl / 1000}`,
      "Access-Control-Allow-Origin": "*",
    },
  });
}
