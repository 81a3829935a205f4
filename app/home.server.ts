import { and, asc, count, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { departments, users } from "../db/schema";
import { mayEnter, routeAccess } from "./access";
import type { SessionUser } from "./auth/session.server";
import { authoringHomeFor } from "./authoring/home.server";
import { certificationHome } from "./certification/home.server";
import { db } from "./db.server";
import { nextInLearning } from "./learn/courses.server";
import { practiceHomeFor } from "./practice/scenarios.server";

const lineManagers = alias(users, "line_managers");

/** What the home page shows: the same profile for everyone, plus what the role looks after. */
export async function homeFor(user: SessionUser) {
  const [profile] = await db
    .select({ department: departments.name, lineManager: lineManagers.name })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(lineManagers, eq(lineManagers.id, users.lineManagerId))
    .where(eq(users.id, user.id));

  const team =
    user.role === "manager" && user.departmentId
      ? await db
          .select({ id: users.id, name: users.name, role: users.role })
          .from(users)
          .where(and(eq(users.departmentId, user.departmentId), eq(users.active, true)))
          .orderBy(asc(users.name))
      : null;

  const organisation =
    user.role === "admin"
      ? await db
          .select({ role: users.role, people: count() })
          .from(users)
          .where(eq(users.active, true))
          .groupBy(users.role)
          .orderBy(users.role)
      : null;

  return {
    profile: { department: profile?.department ?? null, lineManager: profile?.lineManager ?? null },
    team,
    organisation,
    learning: await nextInLearning(user.id),
    practice: await practiceHomeFor(user.id),
    certification: await certificationHome(user),
    authoring: mayEnter(user.role, routeAccess["routes/author.scenarios._index"])
      ? await authoringHomeFor()
      : null,
  };
}
