// The run page's line to the server: GET the run as it stands now (polled, timed by the
// engine's next inject), POST an action or a clock command and get the new state back.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { liveRequest, MAX_LIVE_BODY } from "~/practice/forms";
import { controlClock, liveStateFor, takeAction } from "~/practice/runs.server";
import { requireParams } from "~/route-params.server";

const runIdOf = (params: Params) => requireParams(params, { runId: "uuid" }).runId;

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/practice.runs.$runId.live");
  const state = await liveStateFor(user.id, runIdOf(args.params));
  return Response.json(state, { headers: { "Cache-Control": "no-store" } });
}

const refuse = (reason: string, status: number) => Response.json({ reason }, { status });

export async function action(args: ActionFunctionArgs) {
  const user = requireAccess(args, "routes/practice.runs.$runId.live");
  const runId = runIdOf(args.params);
  if (args.request.method !== "POST") return refuse("Send actions with POST.", 405);
  const body = await args.request.text();
  if (body.length > MAX_LIVE_BODY) {
    return refuse("That is far too long to be an action. Nothing was saved.", 413);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return refuse("The request is not JSON. Nothing was saved.", 400);
  }
  const request = liveRequest.safeParse(json);
  if (!request.success) {
    return refuse(
      'Send {"kind":"action","action":{...}} or {"kind":"clock","command":"pause"|"resume"|"skip"}.',
      400,
    );
  }
  const result =
    request.data.kind === "action"
      ? await takeAction(user.id, runId, request.data.action)
      : await controlClock(user.id, runId, request.data.command);
  if (!result.ok) return refuse(result.reason, result.status);
  return Response.json(result.state);
}
