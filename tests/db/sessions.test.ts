import "./memory-by-default";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { hashPassword } from "../../app/auth/password.server";
import { authenticate } from "../../app/auth/session.server";
import { signIn, signOut, throttle } from "../../app/auth/sign-in.server";
import { env } from "../../app/env.server";
import { createPerson } from "../../db/factories";
import { sessions, users } from "../../db/schema";
import { closeDatabase, db, prepareDatabase } from "./harness";

const password = "correct horse battery staple";
let passwordHash: string;
let addresses = 0;
/** A client address of its own, so one test's failures never throttle another. */
const newAddress = () => `192.0.2.${++addresses}`;

before(async () => {
  await prepareDatabase();
  passwordHash = await hashPassword(password);
});
after(closeDatabase);

async function account(email: string, fields: { active?: boolean } = {}) {
  return createPerson(db, { email, passwordHash, ...fields });
}

/** The session id inside a Set-Cookie value, as the browser would send it back. */
function cookieHeader(setCookie: string): string {
  const [pair] = setCookie.split(";");
  assert.ok(pair);
  return pair;
}

async function sessionsOf(userId: string) {
  return db.select().from(sessions).where(eq(sessions.userId, userId));
}

describe("signing in", () => {
  test("the right password signs in with an HttpOnly, SameSite=Lax session cookie", async () => {
    const person = await account("ann@council.test");
    const result = await signIn({
      email: "ann@council.test",
      password,
      clientAddress: newAddress(),
    });
    assert.ok(result.ok, "sign-in failed");
    assert.equal(result.userId, person.id);
    assert.match(result.cookie, new RegExp(`^${env.SESSION_COOKIE_NAME}=[^;]+`));
    assert.match(result.cookie, /;\s*HttpOnly/i);
    assert.match(result.cookie, /;\s*SameSite=Lax/i);
    assert.match(result.cookie, /;\s*Path=\//i);
    assert.equal((await sessionsOf(person.id)).length, 1);
  });

  test("the email matches whatever its case and surrounding spaces", async () => {
    const person = await account("Bea.Jones@council.test");
    const result = await signIn({
      email: "  bea.jones@COUNCIL.test ",
      password,
      clientAddress: newAddress(),
    });
    assert.ok(result.ok);
    assert.equal(result.userId, person.id);
  });

  test("a wrong password and an unknown email fail the same way", async () => {
    await account("cal@council.test");
    const clientAddress = newAddress();
    const wrongPassword = await signIn({
      email: "cal@council.test",
      password: "not the password",
      clientAddress,
    });
    const unknownEmail = await signIn({ email: "nobody@council.test", password, clientAddress });
    assert.deepEqual(wrongPassword, { ok: false, reason: "invalid" });
    assert.deepEqual(unknownEmail, wrongPassword);
  });

  test("a person without a password cannot sign in", async () => {
    await createPerson(db, { email: "imported@council.test" });
    const result = await signIn({
      email: "imported@council.test",
      password,
      clientAddress: newAddress(),
    });
    assert.deepEqual(result, { ok: false, reason: "invalid" });
  });

  test("a deactivated person cannot sign in, even with the right password", async () => {
    const person = await account("dee@council.test", { active: false });
    const result = await signIn({
      email: "dee@council.test",
      password,
      clientAddress: newAddress(),
    });
    assert.deepEqual(result, { ok: false, reason: "invalid" });
    assert.equal((await sessionsOf(person.id)).length, 0);
  });
});

describe("throttling failed sign-ins", () => {
  const minutesBefore = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);

  async function failTimes(times: number, email: string, clientAddress: () => string, at: Date) {
    for (let i = 0; i < times; i++) {
      const result = await signIn({
        email,
        password: "wrong",
        clientAddress: clientAddress(),
        now: at,
      });
      assert.deepEqual(
        result,
        { ok: false, reason: "invalid" },
        `failure ${i + 1} was not counted`,
      );
    }
  }

  test("five failures for one account lock it, even from other addresses and with the right password", async () => {
    await account("eve@council.test");
    const now = new Date();
    await failTimes(throttle.perAccount, "eve@council.test", newAddress, minutesBefore(now, 14));
    const result = await signIn({
      email: "EVE@council.test",
      password,
      clientAddress: newAddress(),
      now,
    });
    assert.ok(!result.ok && result.reason === "throttled", JSON.stringify(result));
    // The oldest failure was 14 minutes ago, so the 15-minute window frees up in a minute.
    assert.equal(result.retryAfterSeconds, 60);
  });

  test("one failure fewer than the limit still lets the right password in", async () => {
    const person = await account("fay@council.test");
    const address = newAddress();
    await failTimes(throttle.perAccount - 1, "fay@council.test", () => address, new Date());
    const result = await signIn({ email: "fay@council.test", password, clientAddress: address });
    assert.ok(result.ok);
    assert.equal(result.userId, person.id);
  });

  test("failures older than the window do not count", async () => {
    await account("gus@council.test");
    const now = new Date();
    await failTimes(throttle.perAccount, "gus@council.test", newAddress, minutesBefore(now, 16));
    const result = await signIn({
      email: "gus@council.test",
      password,
      clientAddress: newAddress(),
      now,
    });
    assert.ok(result.ok, JSON.stringify(result));
  });

  test("the lock lifts once the window has passed", async () => {
    await account("hal@council.test");
    const failedAt = new Date(Date.now() - 60_000);
    await failTimes(throttle.perAccount, "hal@council.test", newAddress, failedAt);
    const locked = await signIn({
      email: "hal@council.test",
      password,
      clientAddress: newAddress(),
    });
    assert.ok(!locked.ok && locked.reason === "throttled");
    assert.ok(locked.retryAfterSeconds > 0);
    assert.ok(locked.retryAfterSeconds <= throttle.windowMinutes * 60);
    const later = new Date(failedAt.getTime() + throttle.windowMinutes * 60_000 + 1000);
    const result = await signIn({
      email: "hal@council.test",
      password,
      clientAddress: newAddress(),
      now: later,
    });
    assert.ok(result.ok, JSON.stringify(result));
  });

  test("a successful sign-in clears the account's earlier failures", async () => {
    await account("ida@council.test");
    const address = newAddress();
    await failTimes(throttle.perAccount - 1, "ida@council.test", () => address, new Date());
    assert.ok((await signIn({ email: "ida@council.test", password, clientAddress: address })).ok);
    await failTimes(throttle.perAccount - 1, "ida@council.test", () => address, new Date());
    const result = await signIn({ email: "ida@council.test", password, clientAddress: address });
    assert.ok(result.ok, JSON.stringify(result));
  });

  test("an unknown email is throttled like a real one", async () => {
    const now = new Date();
    await failTimes(throttle.perAccount, "ghost@council.test", newAddress, now);
    const result = await signIn({
      email: "ghost@council.test",
      password,
      clientAddress: newAddress(),
      now,
    });
    assert.ok(!result.ok && result.reason === "throttled");
  });

  test("many failures from one address lock that address for every account, and only that address", async () => {
    const person = await account("jon@council.test");
    const busy = newAddress();
    const now = new Date();
    let n = 0;
    // A different unknown email each time, so no single account reaches its own limit.
    for (let i = 0; i < throttle.perAddress; i++) {
      const result = await signIn({
        email: `guess${++n}@council.test`,
        password: "wrong",
        clientAddress: busy,
        now,
      });
      assert.deepEqual(result, { ok: false, reason: "invalid" });
    }
    const fromBusy = await signIn({
      email: "jon@council.test",
      password,
      clientAddress: busy,
      now,
    });
    assert.ok(!fromBusy.ok && fromBusy.reason === "throttled");
    assert.ok(fromBusy.retryAfterSeconds > 0);
    const fromElsewhere = await signIn({
      email: "jon@council.test",
      password,
      clientAddress: newAddress(),
      now,
    });
    assert.ok(fromElsewhere.ok);
    assert.equal(fromElsewhere.userId, person.id);
  });
});

describe("sessions", () => {
  async function signedIn(email: string) {
    const person = await account(email);
    const result = await signIn({ email, password, clientAddress: newAddress() });
    assert.ok(result.ok);
    return { person, cookie: cookieHeader(result.cookie) };
  }

  test("a valid session cookie names its person", async () => {
    const { person, cookie } = await signedIn("kay@council.test");
    const auth = await authenticate(`theme=dark; ${cookie}`);
    assert.equal(auth.user?.id, person.id);
    assert.equal(auth.user?.email, "kay@council.test");
    assert.equal(auth.user?.role, "staff");
    assert.ok(auth.session);
    // A session far from expiry needs no new cookie.
    assert.equal(auth.cookie, null);
  });

  test("no cookie means nobody, and nothing to send back", async () => {
    assert.deepEqual(await authenticate(null), { user: null, session: null, cookie: null });
    assert.deepEqual(await authenticate("theme=dark"), { user: null, session: null, cookie: null });
  });

  test("an unknown session gets nobody and a blank cookie that clears it", async () => {
    const auth = await authenticate(`${env.SESSION_COOKIE_NAME}=no-such-session`);
    assert.equal(auth.user, null);
    assert.equal(auth.session, null);
    assert.ok(auth.cookie);
    assert.match(auth.cookie, new RegExp(`^${env.SESSION_COOKIE_NAME}=;`));
    assert.match(auth.cookie, /Max-Age=0/i);
  });

  test("an expired session is refused and removed", async () => {
    const { person, cookie } = await signedIn("lee@council.test");
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, person.id));
    const auth = await authenticate(cookie);
    assert.equal(auth.user, null);
    assert.match(auth.cookie ?? "", /Max-Age=0/i);
    assert.equal((await sessionsOf(person.id)).length, 0);
  });

  test("a session in the second half of its life slides forward and resends the cookie", async () => {
    const { person, cookie } = await signedIn("mo@council.test");
    const soon = new Date(Date.now() + 24 * 3600_000);
    await db.update(sessions).set({ expiresAt: soon }).where(eq(sessions.userId, person.id));
    const auth = await authenticate(cookie);
    assert.equal(auth.user?.id, person.id);
    assert.ok(auth.cookie, "no refreshed cookie");
    assert.equal(cookieHeader(auth.cookie), cookie);
    const [stored] = await sessionsOf(person.id);
    assert.ok(stored);
    const fullLife = env.SESSION_DAYS * 24 * 3600_000;
    assert.ok(stored.expiresAt.getTime() > Date.now() + fullLife - 60_000, "expiry did not slide");
  });

  test("a deactivated person's sessions end at their next request", async () => {
    const { person, cookie } = await signedIn("ned@council.test");
    // Deactivated by any route at all, even straight in the database.
    await db.update(users).set({ active: false }).where(eq(users.id, person.id));
    const auth = await authenticate(cookie);
    assert.equal(auth.user, null);
    assert.match(auth.cookie ?? "", /Max-Age=0/i);
    assert.equal((await sessionsOf(person.id)).length, 0);
  });

  test("signing out ends that session only", async () => {
    const { person, cookie } = await signedIn("ola@council.test");
    const second = await signIn({
      email: "ola@council.test",
      password,
      clientAddress: newAddress(),
    });
    assert.ok(second.ok);
    const auth = await authenticate(cookie);
    assert.ok(auth.session);
    const blank = await signOut(auth.session.id);
    assert.match(blank, /Max-Age=0/i);
    assert.equal((await authenticate(cookie)).user, null);
    assert.equal((await authenticate(cookieHeader(second.cookie))).user?.id, person.id);
  });
});
