import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requireAccess } from "~/auth/guard.server";
import { certificatePdf } from "~/certification/badge.server";
import { certificateForDownload } from "~/certification/certificates.server";
import { programmeById } from "~/certification/programmes.server";
import { requireParams } from "~/route-params.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/certification.$programme.pdf");
  const { programme: id } = requireParams(args.params, { programme: "slug" });
  const certificate = await certificateForDownload(user.id, id);
  const programme = programmeById(id);
  if (!certificate || !programme) throw redirect(`/certification/${id}?missing=1`);
  const pdf = await certificatePdf({ ...certificate, programme, status: certificate.statusText });
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="certificate-${id}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
