import "./memory-by-default";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, test } from "node:test";

// The history's approvals and revocation send e-mail: into a folder of this file's own. The app
// modules read the environment when first imported, so they are imported after this is set.
process.env.MAIL_OUTBOX = mkdtempSync(join(tmpdir(), "outbox-"));

const { and, asc, eq, inArray } = await import("drizzle-orm");
const { signIn } = await import("../../app/auth/sign-in.server");
const { reviewQueue } = await import("../../app/authoring/reviews.server");
const { pendingRequests } = await import("../../app/certification/accounts.server");
const { teamQuery } = await import("../../app/certification/forms");
const { addMonths } = await import("../../app/certification/status");
const { teamDashboard } = await import("../../app/certification/team.server");
const { now } = await import("../../app/clock.server");
const { loadCourses } = await import("../../app/content/load.server");
const { histories, seedDemoHistory } = await import("../../app/demo/history.server");
const { demoEmail, demoPassword, demoSignIns, seedDemoCouncil } = await import(
  "../../app/demo/seed.server"
);
const { loadScenarios } = await import("../../app/practice/library.server");
const { debriefFor, replayFor } = await import("../../app/practice/runs.server");
const { createPerson } = await import("../../db/factories");
const {
  accountRequests,
  auditLog,
  certificateRenewals,
  certificates,
  certificationProgress,
  departments,
  lessonCompletions,
  passwordCredentials,
  quizAttempts,
  runActions,
  runs,
  trainerGrades,
  users,
} = await import("../../db/schema");
const { closeDatabase, db, emptyTables, prepareDatabase } = await import("./harness");

before(prepareDatabase);
after(closeDatabase);

const day = 86_400_000;
const daysAgo = (at: Date | string) => (now().getTime() - new Date(at).getTime()) / day;

async function everything() {
  return {
    departments: await db.select().from(departments).orderBy(asc(departments.id)),
    users: await db.select().from(users).orderBy(asc(users.id)),
    passwords: await db.select().from(passwordCredentials).orderBy(asc(passwordCredentials.userId)),
    lessons: await db
      .select()
      .from(lessonCompletions)
      .orderBy(asc(lessonCompletions.userId), asc(lessonCompletions.lessonVersionId)),
    attempts: await db.select().from(quizAttempts).orderBy(asc(quizAttempts.id)),
    runs: await db.select().from(runs).orderBy(asc(runs.id)),
    actions: await db.select().from(runActions).orderBy(asc(runActions.runId), asc(runActions.seq)),
    grades: await db.select().from(trainerGrades).orderBy(asc(trainerGrades.id)),
    certificates: await db.select().from(certificates).orderBy(asc(certificates.id)),
    renewals: await db.select().from(certificateRenewals).orderBy(asc(certificateRenewals.id)),
    progress: await db
      .select()
      .from(certificationProgress)
      .orderBy(asc(certificationProgress.userId), asc(certificationProgress.programmeId)),
    accounts: await db.select().from(accountRequests).orderBy(asc(accountRequests.id)),
    audit: await db.select().from(auditLog).orderBy(asc(auditLog.id)),
  };
}

async function person(name: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, demoEmail(name)));
  assert.ok(row, `${name} is not in the demo council`);
  return row;
}

async function byEmail(email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  assert.ok(row, `${email} is not in the demo council`);
  return row;
}

describe("the demo council on an empty database", () => {
  before(async () => {
    await emptyTables();
    // The history plays the real courses and scenarios, which setup loads before seeding.
    await loadCourses(db);
    await loadScenarios(db);
    assert.equal(await seedDemoCouncil(db), "seeded");
    assert.equal(await seedDemoHistory(), Object.keys(histories).length);
  });

  test("has at least four departments", async () => {
    const names = (await db.select().from(departments)).map((department) => department.name);
    assert.ok(names.length >= 4, names.join(", "));
    for (const name of ["Highways", "Libraries", "Children's Services", "Communications"]) {
      assert.ok(names.includes(name), `${name} is missing`);
    }
  });

  test("has at least 24 staff, 2 trainers, 3 managers and an admin, all active", async () => {
    const people = await db.select().from(users);
    const byRole = (role: string) => people.filter((person) => person.role === role).length;
    assert.ok(byRole("staff") >= 24, `${byRole("staff")} staff`);
    assert.equal(byRole("trainer"), 2);
    assert.equal(byRole("manager"), 3);
    assert.equal(byRole("admin"), 1);
    assert.ok(people.every((person) => person.active));
    assert.ok(people.every((person) => person.departmentId !== null));
  });

  test("each manager heads a department of their own, and manages its staff", async () => {
    const people = await db.select().from(users);
    const managers = people.filter((person) => person.role === "manager");
    assert.equal(new Set(managers.map((manager) => manager.departmentId)).size, managers.length);
    for (const manager of managers) {
      const team = people.filter(
        (person) => person.departmentId === manager.departmentId && person.id !== manager.id,
      );
      assert.ok(team.length > 0, `${manager.name} has no team`);
      for (const member of team) {
        assert.equal(member.lineManagerId, manager.id, `${member.name} is not ${manager.name}'s`);
      }
    }
    const admin = people.find((person) => person.role === "admin");
    for (const person of people) {
      if (person.id !== admin?.id) assert.ok(person.lineManagerId, `${person.name} has no manager`);
    }
  });

  test("the four demo sign-ins work with the demo password and have their roles", async () => {
    assert.equal(demoPassword, "practice-makes-perfect");
    assert.deepEqual(
      demoSignIns.map((signInDetails) => signInDetails.email),
      ["staff@demo.test", "trainer@demo.test", "manager@demo.test", "admin@demo.test"],
    );
    for (const { email, role } of demoSignIns) {
      const result = await signIn({
        email,
        password: "practice-makes-perfect",
        clientAddress: "192.0.2.10",
      });
      assert.ok(result.ok, `${email} cannot sign in`);
      const person = (await db.select().from(users)).find((user) => user.id === result.userId);
      assert.equal(person?.email, email);
      assert.equal(person?.role, role);
    }
  });

  test("the manager's dashboard shows a department with a history", async () => {
    const manager = await byEmail("manager@demo.test");
    const { figures, people } = await teamDashboard(manager, teamQuery.parse({}));
    assert.ok(figures.certified >= 3, `${figures.certified} certified`);
    assert.ok(figures.inProgress >= 2, `${figures.inProgress} in progress`);
    assert.ok(figures.notStarted >= 2, `${figures.notStarted} not started`);
    assert.ok(figures.expiring30 >= 1, `${figures.expiring30} expiring within 30 days`);
    assert.ok(figures.expiring60 > figures.expiring30, "nobody expires in 31 to 60 days");
    assert.equal(figures.expired, 1);
    assert.equal(figures.revoked, 1);
    assert.ok(figures.liveAccounts >= 2, `${figures.liveAccounts} live accounts`);
    const row = (name: string) => {
      const found = people.find((entry) => entry.name === name);
      assert.ok(found, `${name} is not on Priya Shah's dashboard`);
      return found;
    };
    assert.match(row("Dafydd Morris").statusText, /^Expires in ([12]?\d|30) days$/);
    assert.equal(row("Dafydd Morris").liveAccounts, 1);
    assert.match(row("Huw Bowen").statusText, /^Expired on /);
    assert.equal(row("Huw Bowen").suspendedAccounts, 1);
    assert.match(row("Iwan Rowlands").statusText, /^Revoked on /);
    assert.equal(row("Ellie Thomas").status, "certified");
    assert.match(row("Poppy Hall").statusText, /^\d+% of the way$/);
    assert.ok(row("Poppy Hall").percent > row("Noah Fisher").percent);
    assert.equal(row("Jordan Lee").statusText, "Not started");

    const waiting = await pendingRequests(manager);
    assert.deepEqual(
      waiting.map((request) => [request.person, request.platform]),
      [["Ryan Baker", "X"]],
    );
  });

  test("the rate chart shows certificates coming and going over the past year", async () => {
    const admin = await byEmail("admin@demo.test");
    const { chart } = await teamDashboard(admin, teamQuery.parse({}));
    const highways = chart.series.find((series) => series.department === "Highways");
    assert.ok(highways, "Highways is not on the chart");
    const past = highways.rates.slice(0, -1);
    assert.ok((past[0] ?? 0) > 0, `a year ago: ${highways.rates.join(", ")}`);
    assert.ok(new Set(past).size >= 3, `no shape: ${highways.rates.join(", ")}`);
    assert.ok(
      chart.overall.every((rate) => rate > 0),
      chart.overall.join(", "),
    );
    const departmentsWithCertificates = chart.series.filter((series) =>
      series.rates.some((rate) => rate > 0),
    );
    assert.equal(departmentsWithCertificates.length, 4);
  });

  test("certificates are dated by the evidence that earned them, and renewals follow on", async () => {
    const ellie = await person("Ellie Thomas");
    const [held] = await db.select().from(certificates).where(eq(certificates.userId, ellie.id));
    assert.ok(held);
    assert.ok(
      Math.abs(daysAgo(held.issuedAt) - 120) < 1,
      `issued ${daysAgo(held.issuedAt)} days ago`,
    );
    assert.deepEqual(held.expiresAt, addMonths(held.issuedAt, 12));
    assert.equal(held.evidence.length, 6);
    for (const pinned of held.evidence) assert.ok(new Date(pinned.at) <= held.issuedAt);
    const [awarded] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "certificate.awarded"), eq(auditLog.subjectId, held.id)));
    assert.ok(awarded, "the award is not in the audit log");
    assert.ok(Math.abs(awarded.at.getTime() - held.issuedAt.getTime()) < 1000, "audited then");
    // Her quiz attempt and her runs' grades carry their own past dates, as her pages show them.
    const [attempt] = await db.select().from(quizAttempts).where(eq(quizAttempts.userId, ellie.id));
    assert.ok(attempt?.submittedAt);
    assert.ok(attempt.startedAt <= attempt.submittedAt, "started before it was submitted");
    assert.ok(daysAgo(attempt.startedAt) > 120, `started ${daysAgo(attempt.startedAt)} days ago`);
    const grades = await db
      .select({ gradedAt: trainerGrades.gradedAt })
      .from(trainerGrades)
      .innerJoin(runs, eq(runs.id, trainerGrades.runId))
      .where(eq(runs.userId, ellie.id));
    assert.ok(grades.length > 0, "her runs were graded");
    for (const grade of grades) assert.ok(daysAgo(grade.gradedAt) > 100);

    const hannah = await person("Hannah Wright");
    const [renewed] = await db
      .select({ renewal: certificateRenewals, certificate: certificates })
      .from(certificateRenewals)
      .innerJoin(certificates, eq(certificates.id, certificateRenewals.certificateId))
      .where(eq(certificates.userId, hannah.id));
    assert.ok(renewed, "Hannah Wright's certificate was not renewed");
    assert.ok(Math.abs(daysAgo(renewed.renewal.renewedAt) - 30) < 1);
    // Renewed inside the window, before the first year ran out; that year is over now.
    assert.ok(renewed.renewal.renewedAt < renewed.renewal.previousExpiresAt);
    assert.ok(renewed.renewal.previousExpiresAt < now());
    assert.deepEqual(
      renewed.certificate.expiresAt,
      addMonths(renewed.renewal.previousExpiresAt, 12),
    );
  });

  test("a past run's debrief and replay work for the people who oversee it", async () => {
    const ellie = await person("Ellie Thomas");
    const [run] = await db
      .select()
      .from(runs)
      .where(and(eq(runs.userId, ellie.id), eq(runs.scenarioId, "neighbour-address-exposed")));
    assert.ok(run);
    assert.equal(run.mode, "assessed");
    assert.equal(run.status, "passed");
    const manager = await byEmail("manager@demo.test");
    const debrief = await debriefFor(manager, run.id);
    assert.equal(debrief.state, "ended");
    if (debrief.state !== "ended") return;
    assert.equal(debrief.trainee, "Ellie Thomas");
    assert.equal(debrief.status, "passed");
    assert.ok(Math.abs(daysAgo(debrief.run.startedAt) - 123) < 1);
    assert.ok(debrief.score.total >= debrief.score.passMark);
    const graded = debrief.timeline.flatMap((entry) => entry.grades);
    assert.equal(graded.length, 1);
    assert.equal(graded[0]?.gradedBy, "Sam Rees");
    assert.ok(debrief.timeline.some((entry) => entry.action?.type === "message"));

    const trainer = await byEmail("trainer@demo.test");
    const replay = await replayFor(trainer, run.id, null);
    assert.equal(replay.actions.length, 3);
    assert.ok(replay.actions.every((action) => action.rejected === null));
  });

  test("the trainer's review queue has runs waiting for a grade", async () => {
    const queue = await reviewQueue();
    assert.deepEqual(
      queue.map((item) => [item.trainee, item.scenarioTitle, item.runStatus]),
      [
        ["Poppy Hall", "A neighbour's address in the comments", "awaiting-trainer"],
        ["Mared Owen", "Abuse under a bin-collection update", "passed"],
      ],
    );
  });

  test("the people browser tests sign in as have no history", async () => {
    const untouched = [
      ...demoSignIns.map((signInDetails) => signInDetails.email),
      ...["Aled Jones", "Bethan Price", "Chris Walker", "Farah Ahmed", "Sam Rees"].map(demoEmail),
    ];
    const ids = (await db.select().from(users).where(inArray(users.email, untouched))).map(
      (row) => row.id,
    );
    assert.equal(ids.length, untouched.length);
    for (const [table, column] of [
      [lessonCompletions, lessonCompletions.userId],
      [quizAttempts, quizAttempts.userId],
      [runs, runs.userId],
      [certificates, certificates.userId],
      [accountRequests, accountRequests.userId],
    ] as const) {
      assert.deepEqual(await db.select().from(table).where(inArray(column, ids)), []);
    }
  });

  test("seeding again changes nothing", async () => {
    const before = await everything();
    assert.equal(await seedDemoCouncil(db), "already-seeded");
    assert.equal(await seedDemoCouncil(db, { force: true }), "already-seeded");
    assert.equal(await seedDemoHistory(), 0);
    assert.deepEqual(await everything(), before);
  });

  test("a half-finished seed is completed without touching those already there", async () => {
    const before = await everything();
    const missing = before.users.find((person) => person.email === "zoe.campbell@demo.test");
    assert.ok(missing, "expected Zoe Campbell in the demo council");
    await db.delete(users).where(eq(users.id, missing.id));
    assert.equal(await seedDemoCouncil(db), "seeded");
    const after = await everything();
    assert.equal(after.users.length, before.users.length);
    const back = after.users.find((person) => person.email === "zoe.campbell@demo.test");
    assert.equal(back?.lineManagerId, missing.lineManagerId);
    assert.deepEqual(
      after.users.filter((person) => person.id !== back?.id),
      before.users.filter((person) => person.id !== missing.id),
    );
    assert.deepEqual(after.departments, before.departments);
  });
});

describe("a database that already holds other people", () => {
  beforeEach(emptyTables);

  test("is left alone", async () => {
    await createPerson(db, { email: "real.person@council.gov.uk" });
    const before = await everything();
    assert.equal(await seedDemoCouncil(db), "skipped-foreign-data");
    assert.deepEqual(await everything(), before);
  });

  test("gets the demo council too when forced, keeping its people", async () => {
    const real = await createPerson(db, { email: "real.person@council.gov.uk" });
    assert.equal(await seedDemoCouncil(db, { force: true }), "seeded");
    const people = await db.select().from(users);
    assert.ok(people.some((person) => person.id === real.id));
    assert.ok(people.some((person) => person.email === "admin@demo.test"));
    const result = await signIn({
      email: "admin@demo.test",
      password: demoPassword,
      clientAddress: "192.0.2.11",
    });
    assert.ok(result.ok);
  });
});
