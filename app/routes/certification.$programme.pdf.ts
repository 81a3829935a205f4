import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { notFound, requireAccess } from "~/auth/guard.server";
import { certificatePdf } from "~/certification/badge.server";
import { certificateForDownload } from "~/certification/certificates.server";
import { isProgrammeId } from "~/certification/forms";
import { programmeById } from "~/certification/programmes.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/certification.$programme.pdf");
  const id = args.params.programme;
  if (!isProgrammeId(id)) throw notFound();
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
