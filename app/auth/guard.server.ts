import { type AppLoadContext, redirect } from "@remix-run/node";
import type { Role } from "../../db/schema";
import { mayEnter, type RouteId, routeAccess } from "../access";
import type { SessionUser } from "./session.server";

interface Args {
  request: Request;
  context: AppLoadContext;
}

/** Signed in, or off to the sign-in page with a way back here. */
export function requireUser({ request, context }: Args): SessionUser {
  if (context.user) return context.user;
  const url = new URL(request.url);
  // Single fetch asks for "/path.data"; the person wants "/path".
  const path = url.pathname.replace(/\.data$/, "") || "/";
  const back = `${path === "/_root" ? "/" : path}${stripDataParams(url.searchParams)}`;
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

/** Signed in with one of these roles (admin always passes), or 403. */
export function requireRole(args: Args, roles: readonly Role[]): SessionUser {
  const user = requireUser(args);
  if (!mayEnter(user.role, roles)) throw forbidden();
  return user;
}

type UserFor<R extends RouteId> = (typeof routeAccess)[R] extends "anyone"
  ? SessionUser | null
  : SessionUser;

/** Enforces the route's entry in `routeAccess`; every loader and action starts here. */
export function requireAccess<R extends RouteId>(args: Args, routeId: R): UserFor<R> {
  const audience = routeAccess[routeId];
  if (audience === "anyone") return args.context.user as UserFor<R>;
  if (audience === "signed-in") return requireUser(args) as UserFor<R>;
  return requireRole(args, audience) as UserFor<R>;
}

export function forbidden(): Response {
  return new Response("You do not have permission to open this page.", {
    status: 403,
    statusText: "Forbidden",
  });
}

/** A record that does not exist or is not yours: the same answer either way. */
export function notFound(): Response {
  return new Response("We could not find that page.", { status: 404, statusText: "Not Found" });
}

function stripDataParams(params: URLSearchParams): string {
  const kept = new URLSearchParams(params);
  kept.delete("_routes");
  const query = kept.toString();
  return query ? `?${query}` : "";
}
