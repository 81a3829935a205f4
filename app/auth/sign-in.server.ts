import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { passwordCredentials, signInFailures, users } from "../../db/schema";
import { recordAudit } from "../audit.server";
import { db } from "../db.server";
import { verifyDecoy, verifyPassword } from "./password.server";
import { sessionStore } from "./session.server";

/** Failed sign-ins allowed per window, per account and per client address. */
export const throttle = {
  windowMinutes: 15,
  perAccount: 5,
  // One council office is often one address, so the address limit is looser.
  perAddress: 50,
} as const;

export type SignInResult =
  | { ok: true; userId: string; cookie: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;

export async function signIn(input: {
  email: string;
  password: string;
  clientAddress: string;
  now?: Date;
}): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const keys = [accountKey(input.email), addressKey(input.clientAddress)];
  const blocked = await throttledFor(keys, now);
  if (blocked) return { ok: false, reason: "throttled", retryAfterSeconds: blocked };

  const [account] = await db
    .select({ id: users.id, active: users.active, hash: passwordCredentials.hash })
    .from(users)
    .innerJoin(passwordCredentials, eq(passwordCredentials.userId, users.id))
    .where(eq(sql`lower(${users.email})`, input.email.trim().toLowerCase()));

  const valid = account
    ? await verifyPassword(account.hash, input.password)
    : await verifyDecoy(input.password);

  // A deactivated account fails exactly like a wrong password: no hint that it exists.
  if (!account || !valid || !account.active) {
    await db.insert(signInFailures).values(keys.map((key) => ({ key, failedAt: now })));
    return { ok: false, reason: "invalid" };
  }

  await db.delete(signInFailures).where(eq(signInFailures.key, accountKey(input.email)));
  const session = await sessionStore.createSession(account.id, {});
  await recordAudit(db, {
    actorId: account.id,
    action: "session.signed_in",
    subject: { type: "user", id: account.id },
    details: { address: input.clientAddress },
  });
  return {
    ok: true,
    userId: account.id,
    cookie: sessionStore.createSessionCookie(session.id).serialize(),
  };
}

/** Seconds until the oldest failure in a full window expires, or 0 when not throttled. */
async function throttledFor(keys: string[], now: Date): Promise<number> {
  const since = new Date(now.getTime() - throttle.windowMinutes * 60_000);
  const rows = await db
    .select({
      key: signInFailures.key,
      count: sql<number>`count(*)::int`,
      oldest: sql<string>`min(${signInFailures.failedAt})`,
    })
    .from(signInFailures)
    .where(and(inArray(signInFailures.key, keys), gt(signInFailures.failedAt, since)))
    .groupBy(signInFailures.key);
  let wait = 0;
  for (const row of rows) {
    const limit = row.key.startsWith("account:") ? throttle.perAccount : throttle.perAddress;
    if (row.count >= limit) {
      const freeAt = new Date(row.oldest).getTime() + throttle.windowMinutes * 60_000;
      wait = Math.max(wait, Math.ceil((freeAt - now.getTime()) / 1000));
    }
  }
  return wait;
}

export async function signOut(sessionId: string): Promise<string> {
  await sessionStore.invalidateSession(sessionId);
  return sessionStore.createBlankSessionCookie().serialize();
}
