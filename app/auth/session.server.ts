import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan } from "lucia";
import { type Role, sessions, users } from "../../db/schema";
import { db } from "../db.server";
import { cookieSecure, env } from "../env.server";

// lucia v3 is no longer developed upstream: everything that touches it stays in this file.

export const sessionStore = new Lucia(new DrizzlePostgreSQLAdapter(db, sessions, users), {
  sessionExpiresIn: new TimeSpan(env.SESSION_DAYS, "d"),
  sessionCookie: {
    name: env.SESSION_COOKIE_NAME,
    // lucia's cookie is httpOnly and SameSite=Lax already.
    attributes: { secure: cookieSecure },
  },
  getUserAttributes: (row) => ({
    email: row.email,
    name: row.name,
    role: row.role,
    departmentId: row.department_id,
    active: row.active,
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof sessionStore;
    DatabaseUserAttributes: {
      email: string;
      name: string;
      role: Role;
      department_id: string | null;
      active: boolean;
    };
  }
}

export type SessionUser = import("lucia").User;
export type Session = import("lucia").Session;

/** A person as the signed-in user, for work done as them outside a request: the demo seed, tests. */
export function sessionUserOf(person: typeof users.$inferSelect): SessionUser {
  return {
    id: person.id,
    email: person.email,
    name: person.name,
    role: person.role,
    departmentId: person.departmentId,
    active: person.active,
  };
}

export interface Authentication {
  user: SessionUser | null;
  session: Session | null;
  /** A Set-Cookie value to send back: a slid expiry, or a blank cookie for a dead session. */
  cookie: string | null;
}

/**
 * Validates the session named by the request's cookie header. Sliding expiry: lucia
 * extends a session in its second half of life and we resend the cookie then.
 * A deactivated person's sessions are ended here too, whatever deactivated them.
 */
export async function authenticate(
  cookieHeader: string | null | undefined,
): Promise<Authentication> {
  const store = sessionStore;
  const sessionId = store.readSessionCookie(cookieHeader ?? "");
  if (!sessionId) return { user: null, session: null, cookie: null };
  const { session, user } = await store.validateSession(sessionId);
  if (!session || !user) {
    return { user: null, session: null, cookie: store.createBlankSessionCookie().serialize() };
  }
  if (!user.active) {
    await store.invalidateUserSessions(user.id);
    return { user: null, session: null, cookie: store.createBlankSessionCookie().serialize() };
  }
  const cookie = session.fresh ? store.createSessionCookie(session.id).serialize() : null;
  return { user, session, cookie };
}
