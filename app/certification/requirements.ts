// Whether a person meets each requirement of a programme, from their evidence. Pure: the use
// cases load the evidence (evidence.server.ts) and pass the clock's "now" in.

import type { PinnedEvidence } from "../../db/schema/certification";
import type { ProgrammeRequirement } from "../content/schema";
import { type CertificateDates, certificateStatus, isInForce } from "./status";

export interface CourseFacts {
  title: string;
  contentHash: string;
  /** Lesson slugs of the course's current version: "every lesson" means these. */
  lessonSlugs: readonly string[];
}

export interface Evidence {
  courses: ReadonlyMap<string, CourseFacts>;
  lessons: ReadonlyArray<{
    lessonVersionId: string;
    courseId: string;
    slug: string;
    completedAt: Date;
  }>;
  attempts: ReadonlyArray<{
    id: string;
    courseId: string;
    courseContentHash: string;
    passed: boolean;
    submittedAt: Date;
  }>;
  runs: ReadonlyArray<{
    id: string;
    scenarioId: string;
    scenarioVersionId: string;
    scenarioHash: string;
    mode: string;
    status: string;
    at: Date;
  }>;
  grades: ReadonlyArray<{ id: string; runId: string; rubricItem: string; points: number }>;
  certificates: ReadonlyArray<CertificateDates & { id: string; programmeId: string }>;
}

export interface RequirementState {
  requirement: ProgrammeRequirement;
  met: boolean;
  /** Steps done and in all: every lesson is a step, anything else is one. */
  done: number;
  total: number;
  /** What met it, to pin on the certificate; null until met. */
  evidence: PinnedEvidence | null;
}

export interface EvaluationOptions {
  /** Evidence older than this does not count (renewal window, or after a lapse). */
  since: Date | null;
  now: Date;
  /** The renewal window of a programme, to tell whether a prerequisite certificate is in force. */
  windowDaysOf: (programmeId: string) => number;
}

const counts = (at: Date, options: EvaluationOptions) =>
  (options.since === null || at >= options.since) && at <= options.now;

export function evaluate(
  requirements: readonly ProgrammeRequirement[],
  evidence: Evidence,
  options: EvaluationOptions,
): RequirementState[] {
  const chosenRuns = chooseRuns(requirements, evidence, options);
  return requirements.map((requirement) => stateOf(requirement, evidence, options, chosenRuns));
}

function stateOf(
  requirement: ProgrammeRequirement,
  evidence: Evidence,
  options: EvaluationOptions,
  chosenRuns: Map<string, Run>,
): RequirementState {
  switch (requirement.type) {
    case "programme": {
      const held = evidence.certificates
        .filter((certificate) => certificate.programmeId === requirement.programme)
        .find((certificate) =>
          isInForce(
            certificateStatus(
              certificate,
              options.windowDaysOf(requirement.programme),
              options.now,
            ),
          ),
        );
      return single(
        requirement,
        held
          ? {
              requirementId: requirement.id,
              type: "programme",
              at: new Date(held.issuedAt).toISOString(),
              certificateId: held.id,
            }
          : null,
      );
    }
    case "lessons": {
      const course = evidence.courses.get(requirement.course);
      const slugs = course?.lessonSlugs ?? [];
      const done = new Map<string, (typeof evidence.lessons)[number]>();
      for (const lesson of evidence.lessons) {
        // A lesson read stays read (learning records one completion per lesson version), so
        // lessons are exempt from the freshness rule that quizzes and runs follow.
        if (lesson.courseId !== requirement.course || lesson.completedAt > options.now) {
          continue;
        }
        const seen = done.get(lesson.slug);
        if (!seen || lesson.completedAt > seen.completedAt) done.set(lesson.slug, lesson);
      }
      const read = slugs.flatMap((slug) => {
        const lesson = done.get(slug);
        return lesson ? [lesson] : [];
      });
      const met = slugs.length > 0 && read.length === slugs.length;
      const last = read.reduce<Date | null>(
        (latest, lesson) => (!latest || lesson.completedAt > latest ? lesson.completedAt : latest),
        null,
      );
      return {
        requirement,
        met,
        done: read.length,
        total: Math.max(slugs.length, 1),
        evidence:
          met && last
            ? {
                requirementId: requirement.id,
                type: "lessons",
                at: last.toISOString(),
                courseId: requirement.course,
                courseContentHash: course?.contentHash,
                lessonVersionIds: read.map((lesson) => lesson.lessonVersionId),
              }
            : null,
      };
    }
    case "quiz": {
      const pass = evidence.attempts
        .filter(
          (attempt) =>
            attempt.courseId === requirement.course &&
            attempt.passed &&
            counts(attempt.submittedAt, options),
        )
        .sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime())[0];
      return single(
        requirement,
        pass
          ? {
              requirementId: requirement.id,
              type: "quiz",
              at: pass.submittedAt.toISOString(),
              courseId: requirement.course,
              courseContentHash: pass.courseContentHash,
              attemptId: pass.id,
            }
          : null,
      );
    }
    case "scenario": {
      const run = chosenRuns.get(requirement.scenario);
      return single(requirement, run ? runEvidence(requirement.id, "scenario", run) : null);
    }
    case "trainer-sign-off": {
      const run = chosenRuns.get(requirement.scenario);
      const grades = run ? signOffGrades(requirement, run.id, evidence) : [];
      return single(
        requirement,
        run && grades.length > 0
          ? {
              ...runEvidence(requirement.id, "trainer-sign-off", run),
              gradeIds: grades.map((grade) => grade.id),
            }
          : null,
      );
    }
  }
}

function single(requirement: ProgrammeRequirement, evidence: PinnedEvidence | null) {
  return { requirement, met: evidence !== null, done: evidence ? 1 : 0, total: 1, evidence };
}

type Run = Evidence["runs"][number];

function runEvidence(requirementId: string, type: PinnedEvidence["type"], run: Run) {
  return {
    requirementId,
    type,
    at: run.at.toISOString(),
    runId: run.id,
    scenarioId: run.scenarioId,
    scenarioVersionId: run.scenarioVersionId,
    scenarioHash: run.scenarioHash,
  } satisfies PinnedEvidence;
}

function signOffGrades(
  requirement: Extract<ProgrammeRequirement, { type: "trainer-sign-off" }>,
  runId: string,
  evidence: Evidence,
) {
  return evidence.grades.filter(
    (grade) =>
      grade.runId === runId &&
      grade.rubricItem === requirement.rubricItem &&
      grade.points >= requirement.minPoints,
  );
}

/**
 * For each scenario, the passed assessed run that counts: sign-offs must be met in that same
 * run, so the run meeting the most of them wins, and the newest among equals.
 */
function chooseRuns(
  requirements: readonly ProgrammeRequirement[],
  evidence: Evidence,
  options: EvaluationOptions,
): Map<string, Run> {
  const chosen = new Map<string, Run>();
  for (const requirement of requirements) {
    if (requirement.type !== "scenario") continue;
    const signOffs = requirements.filter(
      (other): other is Extract<ProgrammeRequirement, { type: "trainer-sign-off" }> =>
        other.type === "trainer-sign-off" && other.scenario === requirement.scenario,
    );
    const candidates = evidence.runs
      .filter(
        (run) =>
          run.scenarioId === requirement.scenario &&
          run.mode === "assessed" &&
          run.status === "passed" &&
          counts(run.at, options),
      )
      .map((run) => ({
        run,
        signed: signOffs.filter((signOff) => signOffGrades(signOff, run.id, evidence).length > 0)
          .length,
      }))
      .sort((a, b) => b.signed - a.signed || b.run.at.getTime() - a.run.at.getTime());
    const best = candidates[0];
    if (best) chosen.set(requirement.scenario, best.run);
  }
  return chosen;
}

/** Steps done out of steps in all, as a whole percentage. */
export function percentDone(states: readonly RequirementState[]): number {
  const total = states.reduce((sum, state) => sum + state.total, 0);
  const done = states.reduce((sum, state) => sum + state.done, 0);
  return total === 0 ? 0 : Math.floor((done / total) * 100);
}
