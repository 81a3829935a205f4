import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requireAccess } from "~/auth/guard.server";
import { signOut } from "~/auth/sign-in.server";

// Signing out changes state, so it is a POST; a GET just goes home.
export function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/logout");
  throw redirect("/");
}

export async function action(args: ActionFunctionArgs) {
  requireAccess(args, "routes/logout");
  const cookie = args.context.sessionId ? await signOut(args.context.sessionId) : null;
  throw redirect("/login", cookie ? { headers: { "Set-Cookie": cookie } } : undefined);
}
