import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requireAccess } from "~/auth/guard.server";
import { openBadgeCredential } from "~/certification/badge.server";
import { certificateForDownload } from "~/certification/certificates.server";
import { programmeById } from "~/certification/programmes.server";
import { requireParams } from "~/route-params.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/certification.$programme.badge");
  const { programme: id } = requireParams(args.params, { programme: "slug" });
  const certificate = await certificateForDownload(user.id, id);
  const programme = programmeById(id);
  if (!certificate || !programme) throw redirect(`/certification/${id}?missing=1`);
  const credential = openBadgeCredential({ ...certificate, programme });
  return new Response(JSON.stringify(credential, null, 2), {
    headers: {
      "Content-Type": "application/ld+json; charset=utf-8",
      "Content-Disposition": `attachment; filename="badge-${id}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
