import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { notFound, requireAccess } from "~/auth/guard.server";
import { openBadgeCredential } from "~/certification/badge.server";
import { certificateForDownload } from "~/certification/certificates.server";
import { isProgrammeId } from "~/certification/forms";
import { programmeById } from "~/certification/programmes.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/certification.$programme.badge");
  const id = args.params.programme;
  if (!isProgrammeId(id)) throw notFound();
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
