import type { Role } from "../db/roles";
import { mayEnter, type RouteId, routeAccess } from "./access";

interface NavigationItem {
  to: string;
  label: string;
  routeId: RouteId;
}

// Only features that exist are listed; each shows for the roles `routeAccess` lets in.
const items: NavigationItem[] = [
  { to: "/", label: "Home", routeId: "routes/_index" },
  { to: "/learn", label: "Learn", routeId: "routes/learn._index" },
  { to: "/practice", label: "Practice", routeId: "routes/practice._index" },
  { to: "/certification", label: "Certification", routeId: "routes/certification._index" },
  { to: "/author/scenarios", label: "Author", routeId: "routes/author.scenarios._index" },
  { to: "/author/reviews", label: "Reviews", routeId: "routes/author.reviews" },
  { to: "/team", label: "Team", routeId: "routes/team._index" },
  { to: "/admin/people", label: "People", routeId: "routes/admin.people._index" },
  { to: "/admin/audit", label: "Audit log", routeId: "routes/admin.audit._index" },
];

export function navigationFor(role: Role | null): { to: string; label: string }[] {
  return items
    .filter((item) => mayEnter(role, routeAccess[item.routeId]))
    .map(({ to, label }) => ({ to, label }));
}
