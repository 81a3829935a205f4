import "./memory-by-default";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Role, RunMode, RunStatus } from "../../db/schema";

// E-mail goes to a folder of this file's own, read back to see what people were told. The app
// modules read the environment when first imported, so they are imported after this is set.
const outbox = mkdtempSync(join(tmpdir(), "outbox-"));
process.env.MAIL_OUTBOX = outbox;

const { and, eq, sql } = await import("drizzle-orm");
const { closeDatabase, countRows, db, prepareDatabase } = await import("./harness");
const { loadCourses } = await import("../../app/content/load.server");
const { awardIfEligible } = await import("../../app/certification/award.server");
const { accountsOf, addPlatform, decideAccount, requestAccount, setHandleRule, suspendAccount } =
  await import("../../app/certification/accounts.server");
const { sweepCertificates } = await import("../../app/certification/sweep.server");
const { certificationFor, revokeCertificate, verify } = await import(
  "../../app/certification/certificates.server"
);
const { sendDueReminders } = await import("../../app/certification/reminders.server");
const { monthPoints, teamCsv, teamDashboard } = await import("../../app/certification/team.server");
const { teamQuery } = await import("../../app/certification/forms");
const { createDepartment, createPerson } = await import("../../db/factories");
const schema = await import("../../db/schema");
const {
  accountRequests,
  auditLog,
  certificateRenewals,
  certificates,
  courseVersionLessons,
  courses,
  lessonCompletions,
  lessonVersions,
  quizAttempts,
  runs,
  scenarios,
  scenarioVersions,
  trainerGrades,
} = schema;

const day = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const staffProgramme = "staff-social-media-access";
const staffScenarios = [
  "bin-collection-abuse",
  "school-closure-wrong-date",
  "neighbour-address-exposed",
  "safeguarding-disclosure",
];
const accreditedScenarios = [
  "flooding-misinformation",
  "pre-election-councillor",
  "impostor-account",
];

let trainer: Awaited<ReturnType<typeof createPerson>>;
let highways: Awaited<ReturnType<typeof createDepartment>>;
let libraries: Awaited<ReturnType<typeof createDepartment>>;
let manager: Awaited<ReturnType<typeof createPerson>>;
let otherManager: Awaited<ReturnType<typeof createPerson>>;
let admin: Awaited<ReturnType<typeof createPerson>>;
const versionOf = new Map<string, string>();

before(async () => {
  await prepareDatabase();
  await loadCourses(db);
  // The scenario library, as far as certification needs it: one published version each.
  for (const id of [...staffScenarios, ...accreditedScenarios]) {
    await db.insert(scenarios).values({ id, source: "built-in", status: "published" });
    const [version] = await db
      .insert(scenarioVersions)
      .values({
        scenarioId: id,
        number: 1,
        hash: `hash-of-${id}`,
        source: "",
        document: {},
        title: `Title of ${id}`,
        level: "core",
        publishedAt: new Date(),
      })
      .returning();
    versionOf.set(id, version?.id as string);
    await db.update(scenarios).set({ currentVersionId: version?.id }).where(eq(scenarios.id, id));
  }
  highways = await createDepartment(db, { name: "Highways" });
  libraries = await createDepartment(db, { name: "Libraries" });
  trainer = await createPerson(db, { role: "trainer" });
  admin = await createPerson(db, { role: "admin", name: "Ada Admin" });
  manager = await createPerson(db, {
    role: "manager",
    name: "Mina Manager",
    departmentId: highways.id,
  });
  otherManager = await createPerson(db, { role: "manager", departmentId: libraries.id });
});
after(closeDatabase);

const actor = (person: { id: string; role: Role; departmentId: string | null }) => ({
  id: person.id,
  role: person.role,
  departmentId: person.departmentId,
});

async function completeLessons(userId: string, courseId: string, at: Date) {
  const lessons = await db
    .select({ id: lessonVersions.id })
    .from(courses)
    .innerJoin(
      courseVersionLessons,
      eq(courseVersionLessons.courseVersionId, courses.currentVersionId),
    )
    .innerJoin(lessonVersions, eq(lessonVersions.id, courseVersionLessons.lessonVersionId))
    .where(eq(courses.id, courseId));
  await db
    .insert(lessonCompletions)
    .values(lessons.map((lesson) => ({ userId, lessonVersionId: lesson.id, completedAt: at })))
    .onConflictDoNothing();
}

async function passQuiz(userId: string, courseId: string, at: Date, passed = true) {
  const [course] = await db.select().from(courses).where(eq(courses.id, courseId));
  const [attempt] = await db
    .insert(quizAttempts)
    .values({
      userId,
      courseId,
      courseVersionId: course?.currentVersionId as string,
      seed: 1,
      startedAt: new Date(at.getTime() - 60_000),
      submittedAt: at,
      score: passed ? 15 : 2,
      passed,
    })
    .returning();
  return attempt?.id as string;
}

async function run(
  userId: string,
  scenarioId: string,
  at: Date,
  fields: { status?: RunStatus; mode?: RunMode } = {},
) {
  const [row] = await db
    .insert(runs)
    .values({
      userId,
      scenarioId,
      scenarioVersionId: versionOf.get(scenarioId) as string,
      mode: fields.mode ?? "assessed",
      seed: "seed",
      startedAt: new Date(at.getTime() - 600_000),
      endedAt: at,
      status: fields.status ?? "passed",
    })
    .returning();
  return row?.id as string;
}

async function grade(runId: string, rubricItem: string, points: number) {
  await db.insert(trainerGrades).values({
    runId,
    actionIndex: 0,
    rubricItem,
    meets: points > 0,
    points,
    feedback: "Graded in a test",
    gradedBy: trainer.id,
  });
}

/** Everything the staff programme needs, done `daysAgo` days ago. Returns the run ids. */
async function meetStaffProgramme(userId: string, daysAgo = 1) {
  const at = ago(daysAgo * day);
  await completeLessons(userId, "staff-social-media", at);
  const attemptId = await passQuiz(userId, "staff-social-media", at);
  const runIds: string[] = [];
  for (const scenario of staffScenarios) runIds.push(await run(userId, scenario, at));
  return { attemptId, runIds };
}

async function staffMember(name = "Jane Smith", departmentId: string | null = highways.id) {
  return createPerson(db, { name, departmentId, lineManagerId: manager.id });
}

async function certificatesOf(userId: string) {
  return db.select().from(certificates).where(eq(certificates.userId, userId));
}

async function setExpiry(certificateId: string, expiresAt: Date) {
  await db.update(certificates).set({ expiresAt }).where(eq(certificates.id, certificateId));
}

async function audits(action: string, subjectId?: string) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(eq(auditLog.action, action), subjectId ? eq(auditLog.subjectId, subjectId) : undefined),
    );
}

function mailTo(address: string): string[] {
  return (
    readdirSync(outbox)
      .sort()
      // Undo quoted-printable's soft line breaks, so a sentence can be matched whole.
      .map((name) => readFileSync(join(outbox, name), "utf8").replace(/=\n/g, ""))
      .filter((text) => text.includes(`To: ${address}`))
  );
}

async function rejectsWith(promise: Promise<unknown>, status: number) {
  await assert.rejects(promise, (thrown) => thrown instanceof Response && thrown.status === status);
}

describe("award", () => {
  test("the last requirement met awards one certificate, pinned to its evidence and audited", async () => {
    const jane = await staffMember();
    const { attemptId, runIds } = await meetStaffProgramme(jane.id);
    await awardIfEligible(jane.id);
    await Promise.all([awardIfEligible(jane.id), awardIfEligible(jane.id)]);

    const held = await certificatesOf(jane.id);
    assert.equal(held.length, 1, "awarded once, however often it is asked");
    const [certificate] = held;
    assert.ok(certificate);
    assert.equal(certificate.programmeId, staffProgramme);
    assert.match(certificate.code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    assert.match(certificate.programmeHash, /^[0-9a-f]{64}$/);
    const months =
      (certificate.expiresAt.getUTCFullYear() - certificate.issuedAt.getUTCFullYear()) * 12 +
      certificate.expiresAt.getUTCMonth() -
      certificate.issuedAt.getUTCMonth();
    assert.equal(months, 12);
    const pinned = new Map(certificate.evidence.map((item) => [item.requirementId, item]));
    assert.equal(pinned.get("quiz")?.attemptId, attemptId);
    assert.deepEqual(
      staffScenarios.map((scenario) => pinned.get(scenario)?.runId),
      runIds,
    );
    assert.equal(pinned.get("bin-collection-abuse")?.scenarioHash, "hash-of-bin-collection-abuse");
    assert.match(pinned.get("lessons")?.courseContentHash ?? "", /^[0-9a-f]{64}$/);
    assert.equal(pinned.get("lessons")?.lessonVersionIds?.length, 9);
    assert.equal((await audits("certificate.awarded", certificate.id)).length, 1);

    const page = await certificationFor(jane.id);
    const staff = page.programmes.find((p) => p.programme.id === staffProgramme);
    assert.equal(staff?.goal, "held");
    assert.equal(staff?.certificate?.status, "valid");
  });

  test("practice runs, failed runs and runs awaiting a trainer do not count", async () => {
    const sam = await staffMember("Sam Rees");
    const at = ago(day);
    await completeLessons(sam.id, "staff-social-media", at);
    await passQuiz(sam.id, "staff-social-media", at);
    await run(sam.id, "bin-collection-abuse", at);
    await run(sam.id, "school-closure-wrong-date", at);
    await run(sam.id, "neighbour-address-exposed", at, { mode: "practice" });
    await run(sam.id, "safeguarding-disclosure", at, { status: "awaiting-trainer" });
    await run(sam.id, "neighbour-address-exposed", at, { status: "failed" });
    await awardIfEligible(sam.id);
    assert.equal((await certificatesOf(sam.id)).length, 0);

    const page = await certificationFor(sam.id);
    const staff = page.programmes.find((p) => p.programme.id === staffProgramme);
    assert.equal(staff?.goal, "award");
    assert.deepEqual(
      staff?.checklist.filter((item) => !item.met).map((item) => item.id),
      ["neighbour-address-exposed", "safeguarding-disclosure"],
    );
    assert.equal(staff?.left, 2);
    // 9 lessons + quiz + 2 of 4 scenarios = 12 of 14 steps.
    assert.equal(staff?.percent, 85);
  });

  test("a sign-off counts only in the same passed run that meets the scenario", async () => {
    const ali = await staffMember("Ali Khan");
    await meetStaffProgramme(ali.id, 2);
    await awardIfEligible(ali.id);
    const at = ago(day);
    await completeLessons(ali.id, "accredited-account", at);
    await passQuiz(ali.id, "accredited-account", at);
    const items: Record<string, string> = {
      "flooding-misinformation": "correction-quality",
      "pre-election-councillor": "neutral-reply",
      "impostor-account": "warn-quality",
    };
    for (const scenario of accreditedScenarios) {
      const passed = await run(ali.id, scenario, at);
      if (scenario !== "impostor-account") await grade(passed, items[scenario] as string, 2);
    }
    // Impostor: passed once without a sign-off, signed off on a run that failed.
    const failed = await run(ali.id, "impostor-account", at, { status: "failed" });
    await grade(failed, "warn-quality", 2);
    await awardIfEligible(ali.id);
    assert.deepEqual(
      (await certificatesOf(ali.id)).map((c) => c.programmeId),
      [staffProgramme],
    );

    const signed = await run(ali.id, "impostor-account", ago(60_000));
    await grade(signed, "warn-quality", 1);
    await awardIfEligible(ali.id);
    const accredited = (await certificatesOf(ali.id)).find(
      (c) => c.programmeId === "accredited-council-account",
    );
    assert.ok(accredited, "awarded once the sign-off is in the run that passed");
    const pinned = accredited.evidence.find((e) => e.requirementId === "impostor-account-sign-off");
    assert.equal(pinned?.runId, signed);
    assert.equal(
      accredited.evidence.find((e) => e.requirementId === "staff-access")?.type,
      "programme",
    );
  });
});

describe("status from the dates", () => {
  test("valid, then expiring inside the window, expired from the instant of expiry, and revoked", async () => {
    const ola = await staffMember("Ola Nowak");
    await meetStaffProgramme(ola.id);
    await awardIfEligible(ola.id);
    const [certificate] = await certificatesOf(ola.id);
    assert.ok(certificate);
    const statusIn = async (ms: number) => {
      await setExpiry(certificate.id, new Date(Date.now() + ms));
      return (await verify(certificate.code))?.status;
    };
    assert.equal(await statusIn(61 * day), "valid", "outside the 60-day window");
    assert.equal(await statusIn(60 * day + 3_600_000), "valid", "an hour before the window opens");
    assert.equal(
      await statusIn(60 * day - 3_600_000),
      "expiring",
      "an hour after the window opens",
    );
    assert.equal(await statusIn(day), "expiring", "the day before expiry");
    assert.equal(await statusIn(3_600_000), "expiring", "the day of expiry, before the time");
    assert.equal(await statusIn(-1000), "expired", "the day of expiry, after the time");
    assert.equal(await statusIn(-day), "expired", "the day after expiry");

    await setExpiry(certificate.id, new Date(Date.now() + 100 * day));
    const result = await revokeCertificate(
      actor(manager),
      certificate.id,
      "Shared a resident's address",
    );
    assert.deepEqual(result, { ok: true });
    const verified = await verify(certificate.code);
    assert.equal(verified?.status, "revoked");
    assert.deepEqual(Object.keys(verified ?? {}).sort(), [
      "expiresAt",
      "holder",
      "issuedAt",
      "programme",
      "revokedAt",
      "status",
      "statusText",
    ]);
    assert.equal(await verify("ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"), null);
  });

  test("a lapsed certificate is not awarded again from the old evidence", async () => {
    const kit = await staffMember("Kit Lewis");
    await meetStaffProgramme(kit.id, 3);
    await awardIfEligible(kit.id);
    const [first] = await certificatesOf(kit.id);
    assert.ok(first);
    // Expired a day ago; the evidence is older than the window that led up to it.
    await db
      .update(certificates)
      .set({ issuedAt: ago(400 * day), expiresAt: ago(day) })
      .where(eq(certificates.id, first.id));
    await db
      .update(lessonCompletions)
      .set({ completedAt: ago(100 * day) })
      .where(eq(lessonCompletions.userId, kit.id));
    await db
      .update(quizAttempts)
      .set({ submittedAt: ago(100 * day) })
      .where(eq(quizAttempts.userId, kit.id));
    await db
      .update(runs)
      .set({ endedAt: ago(100 * day) })
      .where(eq(runs.userId, kit.id));
    await awardIfEligible(kit.id);
    assert.equal((await certificatesOf(kit.id)).length, 1);
    const page = await certificationFor(kit.id);
    const staff = page.programmes.find((p) => p.programme.id === staffProgramme);
    assert.equal(staff?.certificate?.status, "expired");
    assert.equal(staff?.goal, "award");
    assert.equal(staff?.left, 5, "the quiz and every scenario again; lessons read stay read");

    await meetStaffProgramme(kit.id, 0.001);
    await awardIfEligible(kit.id);
    const now = await certificatesOf(kit.id);
    assert.equal(now.length, 2, "a new certificate from new evidence");
  });
});

describe("renewal", () => {
  test("inside the window the shorter set renews from the old expiry, without a gap", async () => {
    const bo = await staffMember("Bo Chen");
    await meetStaffProgramme(bo.id, 10);
    await awardIfEligible(bo.id);
    const [certificate] = await certificatesOf(bo.id);
    assert.ok(certificate);
    const expiry = new Date(Date.now() + 20 * day);
    await setExpiry(certificate.id, expiry);

    // Everything was done 10 days ago, before the window opened (40 days ago): not enough.
    await db
      .update(certificates)
      .set({ issuedAt: ago(340 * day) })
      .where(eq(certificates.id, certificate.id));
    await db
      .update(quizAttempts)
      .set({ submittedAt: ago(50 * day) })
      .where(eq(quizAttempts.userId, bo.id));
    await db
      .update(runs)
      .set({ endedAt: ago(50 * day) })
      .where(eq(runs.userId, bo.id));
    await awardIfEligible(bo.id);
    assert.equal((await countRows(certificateRenewals)) >= 0, true);
    let [after] = await certificatesOf(bo.id);
    assert.equal(after?.expiresAt.getTime(), expiry.getTime(), "old evidence does not renew");

    const page = await certificationFor(bo.id);
    const staff = page.programmes.find((p) => p.programme.id === staffProgramme);
    assert.equal(staff?.goal, "renew");
    assert.deepEqual(
      staff?.checklist.map((item) => item.id),
      ["quiz", "neighbour-address-exposed", "safeguarding-disclosure"],
    );
    assert.equal(page.reminders.length, 1);

    await passQuiz(bo.id, "staff-social-media", ago(60_000));
    await run(bo.id, "neighbour-address-exposed", ago(60_000));
    await run(bo.id, "safeguarding-disclosure", ago(60_000));
    await awardIfEligible(bo.id);
    await awardIfEligible(bo.id);
    [after] = await certificatesOf(bo.id);
    const expected = new Date(expiry);
    expected.setUTCFullYear(expected.getUTCFullYear() + 1);
    assert.equal(after?.expiresAt.toISOString(), expected.toISOString());
    assert.equal((await certificatesOf(bo.id)).length, 1, "the same certificate, extended");
    const renewals = await db
      .select()
      .from(certificateRenewals)
      .where(eq(certificateRenewals.certificateId, certificate.id));
    assert.equal(renewals.length, 1, "renewed once");
    assert.equal(renewals[0]?.previousExpiresAt.getTime(), expiry.getTime());
    assert.equal((await audits("certificate.renewed", certificate.id)).length, 1);
  });

  test("reminders go out once each: 60 days, then 30, then 7", async () => {
    const eve = await staffMember("Eve Parry");
    await meetStaffProgramme(eve.id);
    await awardIfEligible(eve.id);
    const [certificate] = await certificatesOf(eve.id);
    assert.ok(certificate);
    await setExpiry(certificate.id, new Date(Date.now() + 90 * day));
    await sendDueReminders({ userId: eve.id });
    assert.equal(mailTo(eve.email).length, 0, "nothing before the first reminder");

    await setExpiry(certificate.id, new Date(Date.now() + 59 * day));
    await sendDueReminders({ userId: eve.id });
    await sendDueReminders({ userId: eve.id });
    assert.equal(mailTo(eve.email).length, 1);
    assert.match(mailTo(eve.email)[0] ?? "", /expires in 59 days/);

    // First seen 6 days before expiry: the 30- and 7-day reminders are due; one e-mail.
    await setExpiry(certificate.id, new Date(Date.now() + 59 * day));
    await db
      .update(certificates)
      .set({ expiresAt: new Date(Date.now() + 6 * day) })
      .where(eq(certificates.id, certificate.id));
    await db.execute(
      sql`update certificate_reminders set expires_at = ${new Date(Date.now() + 6 * day).toISOString()}::timestamptz where certificate_id = ${certificate.id}`,
    );
    await sendDueReminders({ userId: eve.id });
    await sendDueReminders();
    assert.equal(mailTo(eve.email).length, 2);
    assert.match(mailTo(eve.email)[1] ?? mailTo(eve.email).join(), /expires in 6 days/);
  });
});

describe("expiry notices", () => {
  test("the holder and their line manager are told once, with the accounts it suspends", async () => {
    const kai = await staffMember("Kai Moss");
    await meetStaffProgramme(kai.id);
    await awardIfEligible(kai.id);
    await requestAccount(kai, { platformId: "x", handle: "KaiMossDemoCouncil" });
    const [request] = await db
      .select()
      .from(accountRequests)
      .where(eq(accountRequests.userId, kai.id));
    await decideAccount(actor(manager), request?.id as string, "approve", "Certified");
    const [certificate] = await certificatesOf(kai.id);
    await setExpiry(certificate?.id as string, ago(day));
    const notices = (address: string) =>
      mailTo(address).filter((mail) => mail.includes("certificate expired on"));
    const before = notices(kai.email).length;
    await sendDueReminders({ userId: kai.id });
    await sendDueReminders();
    const toHolder = notices(kai.email).slice(before);
    assert.equal(toHolder.length, 1, "told once");
    assert.match(toHolder[0] ?? "", /@KaiMossDemoCouncil on X/);
    const toManager = notices(manager.email).filter((mail) => mail.includes("Kai Moss's"));
    assert.equal(toManager.length, 1);
    assert.match(toManager[0] ?? "", /@KaiMossDemoCouncil on X/);
  });

  test("nobody is told about an expiry long past, or one already earned again", async () => {
    const lou = await staffMember("Lou Price");
    await meetStaffProgramme(lou.id, 60);
    await awardIfEligible(lou.id);
    const [old] = await certificatesOf(lou.id);
    await setExpiry(old?.id as string, ago(40 * day));
    await sendDueReminders({ userId: lou.id });
    assert.equal(
      mailTo(lou.email).filter((mail) => mail.includes("certificate expired on")).length,
      0,
      "forty days ago is past telling",
    );

    const max = await staffMember("Max Rowe");
    await meetStaffProgramme(max.id, 30);
    await awardIfEligible(max.id);
    const [first] = await certificatesOf(max.id);
    await db
      .update(certificates)
      .set({ issuedAt: ago(400 * day), expiresAt: ago(2 * day) })
      .where(eq(certificates.id, first?.id as string));
    await meetStaffProgramme(max.id, 0.001);
    await awardIfEligible(max.id);
    assert.equal((await certificatesOf(max.id)).length, 2, "earned again");
    await sendDueReminders({ userId: max.id });
    assert.equal(
      mailTo(max.email).filter((mail) => mail.includes("certificate expired on")).length,
      0,
    );
  });
});

describe("live accounts", () => {
  test("a certified person requests; the manager approves; expiry suspends; renewal reinstates", async () => {
    const jo = await staffMember("Jo Bloggs");
    assert.deepEqual(
      await requestAccount(jo, { platformId: "x", handle: "@JoBloggsDemoCouncil" }),
      {
        ok: false,
        status: 422,
        errors: {
          platformId:
            'An account on X needs a valid "Staff social media access" certificate. Earn it on the Certification page first.',
        },
      },
    );
    await meetStaffProgramme(jo.id);
    await awardIfEligible(jo.id);
    const wrongHandle = await requestAccount(jo, { platformId: "x", handle: "@jo" });
    assert.equal(wrongHandle.ok, false);
    assert.match(
      JSON.stringify(wrongHandle),
      /Handles follow the rule \\"\{name\}DemoCouncil\\", so yours must be @JoBloggsDemoCouncil/,
    );
    assert.deepEqual(await requestAccount(jo, { platformId: "x", handle: "jobloggsdemocouncil" }), {
      ok: true,
    });
    const again = await requestAccount(jo, { platformId: "x", handle: "@JoBloggsDemoCouncil" });
    assert.equal(again.ok, false);
    const [request] = await db
      .select()
      .from(accountRequests)
      .where(eq(accountRequests.userId, jo.id));
    assert.ok(request);
    assert.equal(request.handle, "@jobloggsdemocouncil");

    assert.deepEqual(
      await decideAccount(actor(manager), request.id, "approve", "Certified and ready"),
      {
        ok: true,
      },
    );
    assert.equal((await accountsOf(jo.id))[0]?.state, "active");
    assert.equal(mailTo(jo.email).length, 1);

    const [certificate] = await certificatesOf(jo.id);
    assert.ok(certificate);
    await db
      .update(certificates)
      .set({ issuedAt: ago(366 * day), expiresAt: ago(1000) })
      .where(eq(certificates.id, certificate.id));
    const [first] = await accountsOf(jo.id);
    await accountsOf(jo.id);
    await teamDashboard(actor(manager), teamQuery.parse({}));
    assert.equal(first?.state, "suspended");
    assert.match(first?.why ?? "", /expired on/);
    assert.equal((await audits("account.suspended", request.id)).length, 1, "audited once");

    // Renewing after expiry means meeting every requirement again, with new evidence.
    await meetStaffProgramme(jo.id, 0.001);
    await awardIfEligible(jo.id);
    assert.equal((await accountsOf(jo.id))[0]?.state, "active");
    assert.equal((await audits("account.reinstated", request.id)).length, 1);
  });

  test("refusals: no certificate, the wrong programme, self-approval, outside the department", async () => {
    const pat = await staffMember("Pat Doe");
    await meetStaffProgramme(pat.id);
    await awardIfEligible(pat.id);
    assert.deepEqual(
      await addPlatform(admin.id, {
        name: "Council Intranet Live",
        programmeId: "accredited-council-account",
      }),
      { ok: true },
    );
    // A request made while certified, left waiting while the certificate is revoked.
    assert.deepEqual(
      await requestAccount(pat, { platformId: "facebook", handle: "PatDoeDemoCouncil" }),
      {
        ok: true,
      },
    );
    const [pending] = await db
      .select()
      .from(accountRequests)
      .where(eq(accountRequests.userId, pat.id));
    assert.ok(pending);
    const wrong = await requestAccount(pat, {
      platformId: "council-intranet-live",
      handle: "PatDoeDemoCouncil",
    });
    assert.equal(wrong.ok, false, "the platform needs the accredited certificate");
    // Slip a request for the accredited platform past the request check, as a stale page might.
    const [stale] = await db
      .insert(accountRequests)
      .values({
        userId: pat.id,
        platformId: "council-intranet-live",
        platformName: "Council Intranet Live",
        handle: "@PatDoeDemoCouncil",
        programmeId: "accredited-council-account",
        requestedAt: new Date(),
      })
      .returning();
    const wrongProgramme = await decideAccount(
      actor(manager),
      stale?.id as string,
      "approve",
      "Looks fine",
    );
    assert.equal(wrongProgramme.ok, false);
    assert.match(
      JSON.stringify(wrongProgramme),
      /does not hold a valid \\"Accredited council account\\"/,
    );

    await rejectsWith(decideAccount(actor(otherManager), pending.id, "approve", "Not mine"), 404);
    const [certificate] = await certificatesOf(pat.id);
    await rejectsWith(
      revokeCertificate(actor(otherManager), certificate?.id as string, "Not mine"),
      404,
    );

    assert.deepEqual(
      await revokeCertificate(actor(admin), certificate?.id as string, "Policy breach"),
      {
        ok: true,
      },
    );
    assert.match(mailTo(pat.email).join(), /was revoked/);
    const noCertificate = await decideAccount(actor(manager), pending.id, "approve", "Go ahead");
    assert.equal(noCertificate.ok, false);
    assert.match(JSON.stringify(noCertificate), /does not hold a valid/);
    assert.equal(
      (await db.select().from(accountRequests).where(eq(accountRequests.id, pending.id)))[0]
        ?.status,
      "pending",
      "a refusal changes nothing",
    );
    assert.deepEqual(
      await decideAccount(actor(manager), pending.id, "reject", "Not certified any more"),
      {
        ok: true,
      },
    );

    // A manager's own request: they cannot approve it themselves.
    await meetStaffProgramme(manager.id);
    await awardIfEligible(manager.id);
    assert.deepEqual(
      await requestAccount(manager, { platformId: "linkedin", handle: "MinaManagerDemoCouncil" }),
      { ok: true },
    );
    const [own] = await db
      .select()
      .from(accountRequests)
      .where(eq(accountRequests.userId, manager.id));
    const self = await decideAccount(actor(manager), own?.id as string, "approve", "Me");
    assert.equal(self.ok, false);
    assert.match(JSON.stringify(self), /cannot decide on your own request/);
    assert.deepEqual(await decideAccount(actor(admin), own?.id as string, "approve", "Certified"), {
      ok: true,
    });
  });

  test("revocation suspends every account it supports at once, with an audit entry", async () => {
    const lee = await staffMember("Lee Ward");
    await meetStaffProgramme(lee.id);
    await awardIfEligible(lee.id);
    await requestAccount(lee, { platformId: "youtube", handle: "LeeWardDemoCouncil" });
    const [request] = await db
      .select()
      .from(accountRequests)
      .where(eq(accountRequests.userId, lee.id));
    await decideAccount(actor(manager), request?.id as string, "approve", "Fine");
    const [certificate] = await certificatesOf(lee.id);
    await revokeCertificate(
      actor(manager),
      certificate?.id as string,
      "Posted a resident's details",
    );
    assert.equal((await audits("account.suspended", request?.id)).length, 1);
    const [account] = await accountsOf(lee.id);
    assert.equal(account?.state, "suspended");
    assert.match(account?.why ?? "", /revoked \(Posted a resident's details\)/);
    const twice = await revokeCertificate(actor(manager), certificate?.id as string, "Again");
    assert.equal(twice.ok, false);
  });

  test("a manager suspends one account, keeping the certificate; only a manager lifts it", async () => {
    const kim = await staffMember("Kim Lowe");
    await meetStaffProgramme(kim.id);
    await awardIfEligible(kim.id);
    await requestAccount(kim, { platformId: "x", handle: "KimLoweDemoCouncil" });
    await requestAccount(kim, { platformId: "facebook", handle: "KimLoweDemoCouncil" });
    const requests = await db
      .select()
      .from(accountRequests)
      .where(eq(accountRequests.userId, kim.id));
    for (const request of requests) {
      await decideAccount(actor(manager), request.id, "approve", "Certified");
    }
    const x = requests.find((request) => request.platformId === "x");
    assert.ok(x);
    const liveAccounts = async () =>
      (await teamDashboard(actor(manager), teamQuery.parse({ q: "Kim Lowe" }))).people[0]
        ?.liveAccounts;
    assert.equal(await liveAccounts(), 2);

    await rejectsWith(suspendAccount(actor(otherManager), x.id, "suspend", "Not mine"), 404);
    assert.deepEqual(
      await suspendAccount(actor(manager), x.id, "suspend", "Posted without a second check"),
      { ok: true },
    );
    const states = async () =>
      Object.fromEntries((await accountsOf(kim.id)).map((a) => [a.platform, a]));
    let accounts = await states();
    assert.equal(accounts.X?.state, "suspended");
    assert.match(
      accounts.X?.why ?? "",
      /Suspended by Mina Manager on .* \(“Posted without a second check”\)\. Only a manager can lift this\./,
    );
    assert.equal(accounts.Facebook?.state, "active", "only that one account");
    assert.equal((await certificatesOf(kim.id))[0]?.revokedAt, null, "the certificate stands");
    assert.equal(await liveAccounts(), 1);
    const [suspension] = await audits("account.suspended", x.id);
    assert.equal(suspension?.actorId, manager.id);
    assert.equal(suspension?.details.why, "Posted without a second check");
    assert.match(mailTo(kim.email).join(), /X account was suspended/);

    const twice = await suspendAccount(actor(manager), x.id, "suspend", "Again");
    assert.deepEqual(twice.ok ? null : twice.status, 409);
    // Renewal or any other re-evaluation does not lift a manager's suspension.
    await awardIfEligible(kim.id);
    assert.equal((await states()).X?.state, "suspended");
    assert.equal((await audits("account.reinstated", x.id)).length, 0);

    assert.deepEqual(await suspendAccount(actor(manager), x.id, "lift", "Talked it through"), {
      ok: true,
    });
    accounts = await states();
    assert.equal(accounts.X?.state, "active");
    assert.equal(accounts.X?.why, null);
    assert.equal((await audits("account.reinstated", x.id))[0]?.actorId, manager.id);
    const lifted = await suspendAccount(actor(manager), x.id, "lift", "Again");
    assert.deepEqual(lifted.ok ? null : lifted.status, 409);

    // Lifted while the certificate has expired: it stays suspended, for the certificate.
    await suspendAccount(actor(manager), x.id, "suspend", "Checking a complaint");
    const [certificate] = await certificatesOf(kim.id);
    await setExpiry(certificate?.id as string, ago(1000));
    await suspendAccount(actor(admin), x.id, "lift", "Complaint unfounded");
    accounts = await states();
    assert.equal(accounts.X?.state, "suspended");
    assert.match(accounts.X?.why ?? "", /expired on/);
    assert.equal((await audits("account.suspension-lifted", x.id)).length, 1);
  });

  test("nobody suspends their own account, and a request that is not live cannot be suspended", async () => {
    const [own] = await db
      .select()
      .from(accountRequests)
      .where(and(eq(accountRequests.userId, manager.id), eq(accountRequests.status, "approved")));
    assert.ok(own, "the manager's account approved by an admin in the refusals test");
    const self = await suspendAccount(actor(manager), own.id, "suspend", "Me");
    assert.equal(self.ok, false);
    assert.match(JSON.stringify(self), /cannot change your own account/);
    const [rejected] = await db
      .select()
      .from(accountRequests)
      .where(eq(accountRequests.status, "rejected"));
    const notLive = await suspendAccount(actor(admin), rejected?.id as string, "suspend", "No");
    assert.equal(notLive.ok ? null : notLive.status, 409);
  });

  test("an expiry is audited once, by the sweep or whichever page sees it first", async () => {
    const ali = await staffMember("Ali Khan");
    await meetStaffProgramme(ali.id);
    await awardIfEligible(ali.id);
    const [certificate] = await certificatesOf(ali.id);
    assert.ok(certificate);
    assert.equal((await audits("certificate.expired", certificate.id)).length, 0);
    const expiry = ago(1000);
    await setExpiry(certificate.id, expiry);
    const swept = await sweepCertificates();
    assert.ok(swept.lapses >= 1, "the sweep recorded the expiry");
    await sweepCertificates();
    await accountsOf(ali.id);
    const [expired, ...more] = await audits("certificate.expired", certificate.id);
    assert.equal(more.length, 0, "recorded once");
    assert.equal(expired?.actorId, null);
    assert.equal(expired?.details.holderId, ali.id);
    assert.equal(expired?.details.expiresAt, expiry.toISOString());
  });

  test("the naming rule is an admin's setting, checked when saved", async () => {
    assert.equal((await setHandleRule(admin.id, "{first}{last")).ok, false);
    assert.deepEqual(await setHandleRule(admin.id, "{first}{last}AnyshireDC"), { ok: true });
    const ray = await staffMember("Ray O'Neill");
    await meetStaffProgramme(ray.id);
    await awardIfEligible(ray.id);
    assert.deepEqual(
      await requestAccount(ray, { platformId: "instagram", handle: "@RayOneillAnyshireDC" }),
      {
        ok: true,
      },
    );
    await setHandleRule(admin.id, "{name}DemoCouncil");
  });
});

describe("the dashboard", () => {
  test("a manager sees their department only; figures, filters and a safe CSV", async () => {
    const dept = await createDepartment(db, { name: "Parks" });
    const boss = await createPerson(db, {
      role: "manager",
      departmentId: dept.id,
      name: "Parks Boss",
    });
    const certified = await createPerson(db, { departmentId: dept.id, name: '=HYPERLINK("x")' });
    await meetStaffProgramme(certified.id);
    await awardIfEligible(certified.id);
    const starter = await createPerson(db, { departmentId: dept.id, name: "Starter Person" });
    await completeLessons(starter.id, "staff-social-media", ago(day));
    await awardIfEligible(starter.id);
    await createPerson(db, { departmentId: dept.id, name: "Nobody Yet" });
    await createPerson(db, { departmentId: libraries.id, name: "Elsewhere" });

    const all = await teamDashboard(actor(boss), teamQuery.parse({}));
    assert.equal(all.figures.people, 4, "the department: the manager and three staff");
    assert.equal(all.figures.certified, 1);
    assert.equal(all.figures.inProgress, 1);
    assert.equal(all.figures.notStarted, 2);
    assert.deepEqual(all.people.map((p) => p.name).sort(), [
      '=HYPERLINK("x")',
      "Nobody Yet",
      "Parks Boss",
      "Starter Person",
    ]);
    const starting = all.people.find((p) => p.name === "Starter Person");
    assert.equal(starting?.statusText, "64% of the way", "9 lessons of 14 steps");
    assert.match(
      all.people.find((p) => p.name.startsWith("="))?.statusText ?? "",
      /^Certified until /,
    );
    assert.equal(all.chart.months.length, 12);
    assert.equal(all.chart.series[0]?.rates.at(-1), 25);

    const filtered = await teamDashboard(
      actor(boss),
      teamQuery.parse({ status: "not-started", sort: "name", dir: "desc" }),
    );
    assert.deepEqual(
      filtered.people.map((p) => p.name),
      ["Parks Boss", "Nobody Yet"],
    );

    const csv = await new Response(teamCsv(actor(boss), teamQuery.parse({}))).text();
    const lines = csv.trim().split("\n");
    assert.equal(lines.length, 5);
    assert.ok(
      lines.some((line) => line.startsWith(`"'=HYPERLINK(""x"")"`)),
      csv,
    );
    assert.ok(!lines.some((line) => line.startsWith("=")));

    const everyone = await teamDashboard(actor(admin), teamQuery.parse({}));
    assert.ok(everyone.figures.people > all.figures.people, "an admin sees everyone");
  });

  test("awards, renewals and revocations show at once, and past months keep older certificates", async () => {
    const dept = await createDepartment(db, { name: "Coastal" });
    const boss = await createPerson(db, {
      role: "manager",
      departmentId: dept.id,
      name: "Coastal Boss",
    });
    const rhys = await createPerson(db, { departmentId: dept.id, name: "Rhys Owen" });
    const view = (query: Record<string, string> = {}) =>
      teamDashboard(actor(boss), teamQuery.parse(query));
    const rhysIn = (seen: Awaited<ReturnType<typeof view>>) =>
      seen.people.find((person) => person.name === "Rhys Owen");

    await meetStaffProgramme(rhys.id, 10);
    await awardIfEligible(rhys.id);
    const [first] = await certificatesOf(rhys.id);
    assert.ok(first);
    let seen = await view();
    assert.equal(seen.figures.certified, 1);
    assert.equal(seen.total, 2);
    assert.match(rhysIn(seen)?.statusText ?? "", /^Certified until /);
    assert.equal(seen.chart.series[0]?.rates.at(-1), 50, "one of two people");

    // Into the renewal window, then renewed from evidence inside it: no scheduled job involved.
    const expiry = new Date(Date.now() + 20 * day);
    await setExpiry(first.id, expiry);
    seen = await view();
    assert.equal(rhysIn(seen)?.statusText, "Expires in 20 days");
    assert.equal(seen.figures.expiring30, 1);
    assert.equal(seen.figures.certified, 1, "still in force");
    await awardIfEligible(rhys.id);
    seen = await view();
    const renewed = new Date(expiry);
    renewed.setUTCFullYear(renewed.getUTCFullYear() + 1);
    assert.equal(new Date(rhysIn(seen)?.expiresAt ?? 0).getTime(), renewed.getTime());
    assert.match(rhysIn(seen)?.statusText ?? "", /^Certified until /);
    assert.equal(seen.figures.expiring30, 0);

    assert.deepEqual(await revokeCertificate(actor(boss), first.id, "Shared a password"), {
      ok: true,
    });
    seen = await view();
    assert.match(rhysIn(seen)?.statusText ?? "", /^Revoked on /);
    assert.equal(seen.figures.revoked, 1);
    assert.equal(seen.figures.certified, 0);
    assert.equal(seen.chart.series[0]?.rates.at(-1), 0);
    const revoked = await view({ status: "revoked" });
    assert.deepEqual(
      revoked.people.map((person) => person.name),
      ["Rhys Owen"],
    );
    assert.equal(revoked.total, 1);
    const csv = await new Response(teamCsv(actor(boss), teamQuery.parse({}))).text();
    assert.match(csv, /Rhys Owen,.*,Coastal,Revoked on /);

    // That certificate belongs to the past (held from 200 to 100 days ago); a new one now.
    await db
      .update(certificates)
      .set({
        issuedAt: ago(200 * day),
        expiresAt: ago(200 * day - 365 * day),
        revokedAt: ago(100 * day),
      })
      .where(eq(certificates.id, first.id));
    await meetStaffProgramme(rhys.id, 0.001);
    await awardIfEligible(rhys.id);
    const held = await certificatesOf(rhys.id);
    assert.equal(held.length, 2);
    seen = await view();
    assert.match(rhysIn(seen)?.statusText ?? "", /^Certified until /, "the newest decides");
    const expected = monthPoints(new Date()).map((point, n, points) => {
      const inFirst = point.at >= ago(200 * day) && point.at < ago(100 * day);
      return inFirst || n === points.length - 1 ? 50 : 0;
    });
    assert.deepEqual(seen.chart.series[0]?.rates, expected);

    // Searching counts its own matches, on any page.
    const search = await view({ q: "rhys" });
    assert.equal(search.total, 1);
    const beyond = await view({ q: "rhys", page: "2" });
    assert.deepEqual([beyond.people.length, beyond.total], [0, 1]);

    // A database upgraded with certificates already awarded: migration 0005 fills the copy.
    await db.execute(
      sql`update certification_progress set certificate_id = null, certificate_issued_at = null,
        certificate_expires_at = null, certificate_revoked_at = null where user_id = ${rhys.id}`,
    );
    assert.equal(rhysIn(await view())?.statusText, "100% of the way", "no certificate known");
    const migration = readFileSync(
      new URL("../../db/migrations/0005_dashboard_progress.sql", import.meta.url),
      "utf8",
    );
    const backfill = migration
      .split("--> statement-breakpoint")
      .find((statement) => statement.includes("Certificates awarded before this migration"));
    assert.ok(backfill);
    await db.execute(sql.raw(backfill));
    assert.match(rhysIn(await view())?.statusText ?? "", /^Certified until /);
  });
});
