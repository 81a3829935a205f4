// Demo County Council's past: fourteen months of lessons, quizzes, assessed runs, trainer
// grades, certificates and live accounts. Each event is played through the use case that
// records it in the app, with the app's clock standing at the moment it happened, so dates,
// pinned evidence, audit entries and run replays are what the app itself would have written
// (decision 009). The people the browser tests sign in as have no past here.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  attemptQuestions,
  certificates,
  lessonCompletions,
  questionVersions,
  quizAttempts,
  type RunStatus,
  runs,
  users,
} from "../../db/schema";
import { sessionUserOf } from "../auth/session.server";
import { gradeReply } from "../authoring/reviews.server";
import {
  decideAccount,
  handleRule,
  pendingRequests,
  requestAccount,
} from "../certification/accounts.server";
import { awardIfEligible, rowsOf } from "../certification/award.server";
import { revokeCertificate } from "../certification/certificates.server";
import { expectedHandle } from "../certification/handle";
import { asOf, now } from "../clock.server";
import { db } from "../db.server";
import { currentCourse, lessonsOf } from "../learn/courses.server";
import { startAttempt, submitAttempt } from "../learn/quiz.server";
import { refreshRunSummary, replayFor, startScenario, takeAction } from "../practice/runs.server";
import { failedFirstTry, type Play, plays, type StaffScenario, waitingForTrainer } from "./plays";
import { demoEmail } from "./seed.server";

const day = 86_400_000;
const minute = 60_000;
const staffCourse = "staff-social-media";
const staffProgramme = "staff-social-media-access";
/** The trainer who graded the council's past runs (not trainer@demo.test: tests sign in as them). */
const grader = "Sam Rees";

type Step =
  /** Reads the course's first `count` lessons (all when absent), one every twenty minutes. */
  | { kind: "lessons"; daysAgo: number; count?: number }
  | { kind: "quiz"; daysAgo: number }
  /** An assessed run; `graded`: the trainer grades its texts a day after it ends. */
  | {
      kind: "run";
      daysAgo: number;
      scenario: StaffScenario;
      play: Play;
      outcome: RunStatus;
      graded: boolean;
    }
  | { kind: "request"; daysAgo: number; platform: string }
  /** The line manager approves the person's waiting request. */
  | { kind: "approve"; daysAgo: number }
  /** The line manager revokes the person's certificate. */
  | { kind: "revoke"; daysAgo: number; reason: string };

const run = (daysAgo: number, scenario: StaffScenario, graded = true): Step => ({
  kind: "run",
  daysAgo,
  scenario,
  play: plays[scenario],
  outcome: "passed",
  graded,
});

/** Every requirement of the staff programme met over twelve days; certified `daysAgo`. */
const certified = (daysAgo: number): Step[] => [
  { kind: "lessons", daysAgo: daysAgo + 12 },
  { kind: "quiz", daysAgo: daysAgo + 9 },
  run(daysAgo + 7, "bin-collection-abuse"),
  run(daysAgo + 5, "school-closure-wrong-date"),
  run(daysAgo + 3, "neighbour-address-exposed"),
  run(daysAgo, "safeguarding-disclosure"),
];

/** The renewal requirements met again inside the renewal window; renewed `daysAgo`. */
const renewed = (daysAgo: number): Step[] => [
  { kind: "quiz", daysAgo: daysAgo + 4 },
  run(daysAgo + 2, "neighbour-address-exposed"),
  run(daysAgo, "safeguarding-disclosure"),
];

const account = (platform: string, requestedDaysAgo: number, approvedDaysAgo: number): Step[] => [
  { kind: "request", daysAgo: requestedDaysAgo, platform },
  { kind: "approve", daysAgo: approvedDaysAgo },
];

/** Each person's past, oldest first. Validity is 12 months and the renewal window 60 days. */
export const histories: Record<string, Step[]> = {
  // Highways: Priya Shah's department.
  "Huw Bowen": [...certified(410), ...account("x", 405, 404)], // expired; account suspended
  "Dafydd Morris": [...certified(340), ...account("x", 338, 337)], // expires within 30 days
  "Gwen Parry": certified(318), // expires within 60 days
  "Iwan Rowlands": [
    ...certified(220),
    ...account("facebook", 215, 214),
    {
      kind: "revoke",
      daysAgo: 60,
      reason: "Posted a resident's complaint, with her street, from his personal account.",
    },
  ],
  "Ellie Thomas": [...certified(120), ...account("facebook", 118, 117)],
  "Ryan Baker": [...certified(20), { kind: "request", daysAgo: 2, platform: "x" }],
  "Poppy Hall": [
    { kind: "lessons", daysAgo: 40 },
    { kind: "quiz", daysAgo: 30 },
    run(25, "bin-collection-abuse"),
    run(20, "school-closure-wrong-date"),
    run(10, "safeguarding-disclosure"),
    {
      kind: "run",
      daysAgo: 3,
      ...waitingForTrainer,
      outcome: "awaiting-trainer",
      graded: false,
    },
  ],
  "Mared Owen": [
    { kind: "lessons", daysAgo: 30 },
    { kind: "quiz", daysAgo: 15 },
    { kind: "run", daysAgo: 3, ...failedFirstTry, outcome: "failed", graded: false },
    run(1, "bin-collection-abuse", false),
  ],
  "Noah Fisher": [{ kind: "lessons", daysAgo: 5, count: 4 }],
  // Libraries.
  "Hannah Wright": [...certified(380), ...account("instagram", 375, 374), ...renewed(30)],
  "Kieran Byrne": [...certified(150), ...account("x", 148, 147)],
  "Jess Turner": [
    { kind: "lessons", daysAgo: 12 },
    { kind: "quiz", daysAgo: 8 },
  ],
  // Children's Services.
  "Rhiannon Lewis": certified(290), // expires within 90 days
  "Nathan Clarke": [...certified(90), ...account("facebook", 85, 84)],
  "Owen Roberts": certified(40),
  "Olivia Bennett": [{ kind: "lessons", daysAgo: 9, count: 6 }],
  // Communications.
  "Tariq Malik": certified(300),
  "Uma Krishnan": [
    { kind: "lessons", daysAgo: 20 },
    { kind: "quiz", daysAgo: 18 },
    run(16, "school-closure-wrong-date"),
  ],
};

/** What the trainer wrote about the texts each scenario's play has them grade. */
const feedback: Partial<Record<StaffScenario, string>> = {
  "bin-collection-abuse": "Warm and clear, and it says where to report the missed bin.",
  "neighbour-address-exposed":
    "Kind, and it explains why the comment was hidden without repeating anything.",
};

type Person = typeof users.$inferSelect;

/** Fails loudly: a step that does not go as scripted means a play or a rule has changed. */
function ensure(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`Demo history: ${what}`);
}

/**
 * Plays each person's past, unless they already have some learning or runs of their own
 * (a second call, or a council already in use, changes nothing). Returns how many people's
 * pasts were played.
 */
export async function seedDemoHistory(): Promise<number> {
  const seededAt = now().getTime();
  const names = [...Object.keys(histories), grader];
  const people = await db
    .select()
    .from(users)
    .where(inArray(users.email, names.map(demoEmail)));
  const byName = new Map(people.map((person) => [person.name, person]));
  const trainer = byName.get(grader);
  ensure(trainer, `${grader} is missing`);
  const managers = new Map(
    (
      await db
        .select()
        .from(users)
        .where(
          inArray(
            users.id,
            people.flatMap((person) => (person.lineManagerId ? [person.lineManagerId] : [])),
          ),
        )
    ).map((manager) => [manager.id, manager]),
  );
  const begun = await peopleWithLearning(people.map((person) => person.id));
  const lessons = await lessonsOf((await currentCourse(staffCourse)).versionId);
  let played = 0;
  for (const [name, steps] of Object.entries(histories)) {
    const person = byName.get(name);
    ensure(person, `${name} is missing`);
    if (begun.has(person.id)) continue;
    const manager = person.lineManagerId ? managers.get(person.lineManagerId) : undefined;
    ensure(manager, `${name} has no line manager`);
    for (const step of steps) {
      const at = new Date(seededAt - step.daysAgo * day);
      await play(step, at, { person, manager, trainer, lessons });
    }
    played++;
  }
  return played;
}

async function peopleWithLearning(userIds: string[]): Promise<Set<string>> {
  const rows = rowsOf<{ user_id: string }>(
    await db.execute(sql`
    select user_id from ${lessonCompletions} where user_id in ${userIds}
    union select user_id from ${quizAttempts} where user_id in ${userIds}
    union select user_id from ${runs} where user_id in ${userIds}`),
  );
  return new Set(rows.map((row) => row.user_id));
}

interface Cast {
  person: Person;
  manager: Person;
  trainer: Person;
  lessons: Awaited<ReturnType<typeof lessonsOf>>;
}

async function play(step: Step, at: Date, cast: Cast): Promise<void> {
  const { person, manager } = cast;
  const later = (ms: number) => new Date(at.getTime() + ms);
  switch (step.kind) {
    case "lessons": {
      // The rows completeLesson writes, one every twenty minutes, then the award check it
      // makes after each: only the check after the last lesson read can change anything, and
      // one instead of nine keeps start-up quick.
      const read = cast.lessons.slice(0, step.count ?? cast.lessons.length);
      await db.insert(lessonCompletions).values(
        read.map((lesson, index) => ({
          userId: person.id,
          lessonVersionId: lesson.versionId,
          completedAt: later(index * 20 * minute),
        })),
      );
      await asOf(later((read.length - 1) * 20 * minute), () => awardIfEligible(person.id));
      return;
    }
    case "quiz": {
      const { attemptId } = await asOf(at, () => startAttempt(person.id, staffCourse));
      const answers = await rightAnswers(attemptId);
      const marked = await asOf(later(12 * minute), () =>
        submitAttempt(person.id, staffCourse, attemptId, answers),
      );
      ensure(marked.ok && marked.passed, `${person.name} did not pass the quiz`);
      return;
    }
    case "run":
      return playRun(step, at, cast);
    case "request": {
      const handle = expectedHandle(await handleRule(), person.name);
      const asked = await asOf(at, () =>
        requestAccount(person, { platformId: step.platform, handle }),
      );
      ensure(asked.ok, `${person.name} could not request an account on ${step.platform}`);
      return;
    }
    case "approve": {
      const actor = sessionUserOf(manager);
      const waiting = (await pendingRequests(actor)).find((row) => row.personId === person.id);
      ensure(waiting, `${person.name} has no request waiting`);
      const decided = await asOf(at, () =>
        decideAccount(actor, waiting.id, "approve", "Certified, and the handle follows the rule."),
      );
      ensure(decided.ok, `${manager.name} could not approve ${person.name}'s account`);
      return;
    }
    case "revoke": {
      const [held] = await db
        .select({ id: certificates.id })
        .from(certificates)
        .where(
          and(
            eq(certificates.userId, person.id),
            eq(certificates.programmeId, staffProgramme),
            isNull(certificates.revokedAt),
          ),
        );
      ensure(held, `${person.name} holds no certificate to revoke`);
      const revoked = await asOf(at, () =>
        revokeCertificate(sessionUserOf(manager), held.id, step.reason),
      );
      ensure(revoked.ok, `${manager.name} could not revoke ${person.name}'s certificate`);
      return;
    }
  }
}

/** The right options of each question drawn, as a learner who knows them would tick. */
async function rightAnswers(attemptId: string): Promise<Record<string, string[]>> {
  const drawn = await db
    .select({ id: questionVersions.questionId, options: questionVersions.options })
    .from(attemptQuestions)
    .innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId))
    .where(eq(attemptQuestions.attemptId, attemptId))
    .orderBy(asc(attemptQuestions.position));
  return Object.fromEntries(
    drawn.map((question) => [
      question.id,
      question.options.filter((option) => option.correct).map((option) => option.id),
    ]),
  );
}

/**
 * An assessed run in real time: started at `at`, each action at its moment, then read once
 * its time is up (which ends it, and may award a certificate then). A trainer grades its
 * texts a day later when the step says so.
 */
async function playRun(step: Extract<Step, { kind: "run" }>, at: Date, cast: Cast) {
  const { person, trainer } = cast;
  const start = at.getTime();
  const { runId } = await asOf(at, () => startScenario(person.id, step.scenario, "assessed"));
  let timeLeft = 0;
  let lastAt = start;
  for (const { at: seconds, action } of step.play) {
    lastAt = start + seconds * 1000;
    const taken = await asOf(new Date(lastAt), () => takeAction(person.id, runId, action));
    ensure(taken.ok, `${person.name}'s ${step.scenario} run refused ${action.type}`);
    timeLeft = taken.state.view.timeLeft;
  }
  const ended = new Date(lastAt + timeLeft + 1000);
  await asOf(ended, () => refreshRunSummary(runId));
  const [row] = await db.select({ status: runs.status }).from(runs).where(eq(runs.id, runId));
  ensure(
    row?.status === step.outcome,
    `${person.name}'s ${step.scenario} run ended ${row?.status}, not ${step.outcome}`,
  );
  if (!step.graded) return;
  const viewer = { id: trainer.id, role: trainer.role, departmentId: trainer.departmentId };
  const { view } = await asOf(ended, () => replayFor(viewer, runId, null));
  for (const pending of view.score.pendingGrades) {
    const words = feedback[step.scenario];
    ensure(words, `no feedback written for ${step.scenario}`);
    const graded = await asOf(new Date(ended.getTime() + day), () =>
      gradeReply(sessionUserOf(trainer), {
        runId,
        actionIndex: pending.actionIndex,
        item: pending.item,
        meets: true,
        feedback: words,
      }),
    );
    ensure(graded.ok, `${trainer.name} could not grade ${person.name}'s ${step.scenario} run`);
  }
}
