import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { saveDraftForm } from "~/authoring/forms";
import { editorFor, saveDraft } from "~/authoring/scenarios.server";
import { MAX_SOURCE_BYTES } from "~/authoring/source";
import { parseForm } from "~/forms";
import { requireParams } from "~/route-params.server";

// The editor's autosave: POST the text with the revision it was based on. A refusal keeps the
// text in the editor; the answer says why in words the editor shows as they are.

const scenarioIdOf = (params: Params) => requireParams(params, { scenarioId: "slug" }).scenarioId;

export async function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/author.scenarios.$scenarioId.draft");
  const editor = await editorFor(scenarioIdOf(args.params));
  return Response.json(
    {
      source: editor.draft?.source ?? null,
      revision: editor.draft?.revision ?? null,
      savedAt: editor.draft?.updatedAt ?? null,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action(args: ActionFunctionArgs) {
  const user = requireAccess(args, "routes/author.scenarios.$scenarioId.draft");
  const scenarioId = scenarioIdOf(args.params);
  if (Number(args.request.headers.get("Content-Length") ?? 0) > MAX_SOURCE_BYTES * 4) {
    return Response.json(
      {
        ok: false,
        message: `The scenario is far over the ${MAX_SOURCE_BYTES / 1024} KB limit, so it was not saved. Your text is still in the editor.`,
      },
      { status: 413 },
    );
  }
  const form = parseForm(saveDraftForm, await args.request.formData());
  if (!form.ok) {
    const message = Object.values(form.errors)[0] ?? "That save could not be read.";
    return Response.json({ ok: false, message }, { status: 400 });
  }
  const saved = await saveDraft(user, scenarioId, form.data);
  if (!saved.ok) {
    return Response.json(
      { ok: false, message: saved.message, reason: saved.reason, revision: saved.revision ?? null },
      { status: saved.status },
    );
  }
  return Response.json({ ok: true, revision: saved.revision, savedAt: saved.savedAt });
}
