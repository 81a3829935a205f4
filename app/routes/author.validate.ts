import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/auth/guard.server";
import { validateForm } from "~/authoring/forms";
import { MAX_SOURCE_BYTES } from "~/authoring/source";
import { validateDraftText } from "~/authoring/validate.server";

// The editor's validation as the trainer types: POST the text, get its errors (with line and
// column) and, when it is valid, its diagram. Nothing is stored.

/** A request body far past the size limit is refused before it is read. */
const MOST_BODY_BYTES = MAX_SOURCE_BYTES * 4;

export function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/author.validate");
  return Response.json(
    { errors: [], diagram: null, usage: "POST the scenario's YAML as the form field source." },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action(args: ActionFunctionArgs) {
  requireAccess(args, "routes/author.validate");
  const length = Number(args.request.headers.get("Content-Length") ?? 0);
  if (length > MOST_BODY_BYTES) {
    return Response.json(
      {
        errors: [
          {
            path: "(document)",
            line: 1,
            column: 1,
            message: `The scenario is far over the ${MAX_SOURCE_BYTES / 1024} KB limit, so it was not checked.`,
          },
        ],
        diagram: null,
      },
      { status: 413 },
    );
  }
  const form = validateForm.safeParse(Object.fromEntries(await args.request.formData()));
  if (!form.success) {
    return Response.json(
      {
        errors: [{ path: "(form)", message: "Send the scenario's text as the field source." }],
        diagram: null,
      },
      { status: 400 },
    );
  }
  return Response.json(await validateDraftText(form.data.source, form.data.scenarioId), {
    headers: { "Cache-Control": "no-store" },
  });
}
