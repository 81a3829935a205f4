import type { Role } from "../db/roles";

/** Who may open a route: anyone, anyone signed in, or the listed roles (admin always may). */
export type Audience = "anyone" | "signed-in" | readonly Role[];

/**
 * Every route in the app, with who may use it. This is the one place access is declared:
 * loaders and actions enforce it through `requireAccess`, the navigation reads it, and a
 * test walks the route manifest and fails if a route is missing here or behaves otherwise.
 */
export const routeAccess = {
  root: "anyone",
  "routes/_index": "signed-in",
  "routes/login": "anyone",
  "routes/logout": "signed-in",
  "routes/healthz": "anyone",
  "routes/admin.people._index": ["admin"],
  "routes/admin.people.new": ["admin"],
  "routes/admin.people.import": ["admin"],
  "routes/admin.people.$personId": ["admin"],
  "routes/learn._index": "signed-in",
  "routes/learn.$course._index": "signed-in",
  "routes/learn.$course.$lesson": "signed-in",
  "routes/learn.$course.quiz._index": "signed-in",
  "routes/learn.$course.quiz.$attempt": "signed-in",
  "routes/test.clock": ["admin"],
  "routes/certification._index": "signed-in",
  "routes/certification.$programme._index": "signed-in",
  "routes/certification.$programme.pdf": "signed-in",
  "routes/certification.$programme.badge": "signed-in",
  "routes/certification.$programme.signed-badge": "signed-in",
  "routes/[.well-known].jwks[.json]": "anyone",
  "routes/issuer": "anyone",
  "routes/credentials.status.$list": "anyone",
  "routes/verify.($code)": "anyone",
  "routes/accounts._index": "signed-in",
  "routes/accounts.settings": ["admin"],
  "routes/team._index": ["manager"],
  "routes/team.export": ["manager"],
  "routes/team.$personId": ["manager"],
  "routes/admin.audit._index": ["admin"],
  "routes/practice._index": "signed-in",
  "routes/practice.runs.$runId._index": "signed-in",
  "routes/practice.runs.$runId.live": "signed-in",
  "routes/practice.runs.$runId.debrief": "signed-in",
  "routes/practice.runs.$runId.replay": ["trainer", "manager"],
  "routes/author.scenarios._index": ["trainer"],
  "routes/author.scenarios.$scenarioId._index": ["trainer"],
  "routes/author.scenarios.$scenarioId.draft": ["trainer"],
  "routes/author.scenarios.$scenarioId.versions": ["trainer"],
  "routes/author.validate": ["trainer"],
  "routes/author.reviews": ["trainer"],
} as const satisfies Record<string, Audience>;

export type RouteId = keyof typeof routeAccess;

export function mayEnter(role: Role | null | undefined, audience: Audience): boolean {
  if (audience === "anyone") return true;
  if (!role) return false;
  if (audience === "signed-in" || role === "admin") return true;
  return audience.includes(role);
}
