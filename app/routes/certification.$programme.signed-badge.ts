import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requireAccess } from "~/auth/guard.server";
import { signedOpenBadgeCredential } from "~/certification/badge.server";
import { certificateForDownload } from "~/certification/certificates.server";
import { programmeById } from "~/certification/programmes.server";
import { isInForce } from "~/certification/status";
import { requireParams } from "~/route-params.server";

// The Open Badge a wallet or verifier accepts: the credential signed as a VC-JWT (decision 063).
export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/certification.$programme.signed-badge");
  const { programme: id } = requireParams(args.params, { programme: "slug" });
  const certificate = await certificateForDownload(user.id, id);
  const programme = programmeById(id);
  if (!certificate || !programme) throw redirect(`/certification/${id}?missing=1`);
  // A signature vouches for the certificate, so a revoked or expired one gets none.
  if (!isInForce(certificate.status)) throw redirect(`/certification/${id}?unsigned=1`);
  const token = await signedOpenBadgeCredential({ ...certificate, programme });
  return new Response(token, {
    headers: {
      "Content-Type": "application/jwt",
      "Content-Disposition": `attachment; filename="badge-${id}.jwt"`,
      "Cache-Control": "private, no-store",
    },
  });
}
