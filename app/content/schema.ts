// Schemas for the course files in `courses/`: course.yaml, lesson front matter and quiz.yaml.
// Every object is strict, so a misspelt key is an error rather than silently ignored.
import { z } from "zod";

/** A lowercase slug: letters, digits and single hyphens. */
const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lowercase letters, digits and hyphens");

/** `<course-id>/<lesson-slug>`, the form scenarios and programmes use to point at a lesson. */
export const lessonIdSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/,
    "must be <course-id>/<lesson-slug>, for example staff-social-media/listening",
  );

const text = z.string().trim().min(1, "must not be empty");

export const courseSchema = z.strictObject({
  id: slug,
  title: text,
  summary: text,
  audience: text,
  quiz: z.strictObject({
    /** Percentage of the drawn questions a learner must get right to pass. */
    passMark: z.int().min(1).max(100),
    /** How many questions one attempt draws from the bank. */
    questionsPerAttempt: z.int().min(1),
  }),
  /** Lesson ids in the order a learner meets them. */
  lessons: z.array(lessonIdSchema).min(1, "a course needs at least one lesson"),
});
export type CourseFile = z.infer<typeof courseSchema>;

export const lessonFrontMatterSchema = z.strictObject({
  id: lessonIdSchema,
  title: text,
  objectives: z.array(text).min(1, "a lesson needs at least one objective"),
  /** Reading time at 200 words a minute; the content check compares it with the body. */
  minutes: z
    .int()
    .min(3, "a lesson is 3 to 6 minutes long")
    .max(6, "a lesson is 3 to 6 minutes long"),
});
export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;

/** Option ids are written in the file so that reordering options never changes a stored answer. */
const optionId = z.string().regex(/^[a-h]$/, "must be a single letter from a to h");

const optionSchema = z.strictObject({
  id: optionId,
  text,
  correct: z.boolean().default(false),
  /** Shown after the learner answers, whichever option they chose. */
  explanation: text,
});

/** A social post shown in a best-reply question. */
const postSchema = z.strictObject({
  author: text,
  handle: z.string().regex(/^@\w{1,30}$/, "must be an @handle of letters, digits or _"),
  text,
});

const questionBase = {
  id: slug,
  /** The lesson that teaches the answer: `<course-id>/<lesson-slug>`. */
  lesson: lessonIdSchema,
  prompt: text,
};

const options = z
  .array(optionSchema)
  .min(2, "a question needs at least two options")
  .max(8, "a question has at most eight options")
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((option, index) => {
      if (seen.has(option.id)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "id"],
          message: `option id "${option.id}" is used twice`,
        });
      }
      seen.add(option.id);
    });
  });

function rightAnswers(list: { correct: boolean }[]): number {
  return list.filter((option) => option.correct).length;
}

const singleQuestion = z
  .strictObject({ ...questionBase, type: z.literal("single"), options })
  .superRefine(exactlyOneRight);

const bestReplyQuestion = z
  .strictObject({ ...questionBase, type: z.literal("best-reply"), post: postSchema, options })
  .superRefine(exactlyOneRight);

const multipleQuestion = z
  .strictObject({ ...questionBase, type: z.literal("multiple"), options })
  .superRefine((question, ctx) => {
    if (rightAnswers(question.options) === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: "a multiple-choice question needs at least one right option",
      });
    }
  });

function exactlyOneRight(
  question: { type: string; options: { correct: boolean }[] },
  ctx: z.RefinementCtx,
): void {
  const count = rightAnswers(question.options);
  if (count !== 1) {
    ctx.addIssue({
      code: "custom",
      path: ["options"],
      message: `a ${question.type === "single" ? "single-choice" : question.type} question needs exactly one right option (found ${count})`,
    });
  }
}

// True/false is written as the answer plus what to say for each choice, and read into the same
// option shape as the other types (ids "true" and "false") so the app marks them alike. The keys
// are ifTrue/ifFalse because bare true/false keys are booleans to some YAML readers.
const trueFalseQuestion = z
  .strictObject({
    ...questionBase,
    type: z.literal("true-false"),
    answer: z.boolean(),
    /** Explanation shown to a learner who answers True. */
    ifTrue: text,
    /** Explanation shown to a learner who answers False. */
    ifFalse: text,
  })
  .transform(({ answer, ifTrue, ifFalse, ...question }) => ({
    ...question,
    options: [
      { id: "true", text: "True", correct: answer, explanation: ifTrue },
      { id: "false", text: "False", correct: !answer, explanation: ifFalse },
    ],
  }));

export const questionSchema = z.discriminatedUnion("type", [
  singleQuestion,
  multipleQuestion,
  trueFalseQuestion,
  bestReplyQuestion,
]);
export type Question = z.output<typeof questionSchema>;
export type QuestionType = Question["type"];
export type Option = Question["options"][number];
export const questionTypes = [
  "single",
  "multiple",
  "true-false",
  "best-reply",
] as const satisfies readonly QuestionType[];

export const quizSchema = z
  .strictObject({
    course: slug,
    questions: z.array(questionSchema).min(1, "a quiz needs at least one question"),
  })
  .superRefine((quiz, ctx) => {
    const seen = new Set<string>();
    quiz.questions.forEach((question, index) => {
      if (seen.has(question.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["questions", index, "id"],
          message: `question id "${question.id}" is used twice`,
        });
      }
      seen.add(question.id);
    });
  });
export type QuizFile = z.output<typeof quizSchema>;

// --- Programmes: what a certificate requires (courses/programmes/<id>.yaml) ---

/**
 * One thing a person must have done. `id` names the requirement inside its programme, so a
 * checklist and a certificate's evidence can point at it; the rest says what must hold:
 * - `programme`: a certificate for that programme that is valid (or expiring) when checked;
 * - `lessons`: every lesson listed in that course's course.yaml, completed;
 * - `quiz`: a passed attempt at that course's quiz, at the pass mark in its course.yaml;
 * - `scenario`: a run of that scenario in assessed mode whose result is passed;
 * - `trainer-sign-off`: in that same assessed run, a trainer has graded the text scored by
 *   that rubric item (`judged: trainer`) with at least `minPoints`.
 */
export const programmeRequirementSchema = z.discriminatedUnion("type", [
  z.strictObject({ id: slug, type: z.literal("programme"), programme: slug }),
  z.strictObject({ id: slug, type: z.literal("lessons"), course: slug }),
  z.strictObject({ id: slug, type: z.literal("quiz"), course: slug }),
  z.strictObject({
    id: slug,
    type: z.literal("scenario"),
    scenario: slug,
    /** Only assessed runs count towards a certificate; written out so no reader has to guess. */
    mode: z.literal("assessed"),
  }),
  z.strictObject({
    id: slug,
    type: z.literal("trainer-sign-off"),
    scenario: slug,
    rubricItem: slug,
    /** The least a trainer's grade may be for the sign-off to count. */
    minPoints: z.int().min(1).default(1),
  }),
]);
export type ProgrammeRequirement = z.output<typeof programmeRequirementSchema>;
export type ProgrammeRequirementType = ProgrammeRequirement["type"];
export const programmeRequirementTypes = [
  "programme",
  "lessons",
  "quiz",
  "scenario",
  "trainer-sign-off",
] as const satisfies readonly ProgrammeRequirementType[];

/** A list of requirements: unique ids, and every sign-off tied to a scenario in the same list. */
const requirementList = z
  .array(programmeRequirementSchema)
  .min(1, "list at least one requirement")
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    const scenarios = new Set(
      list.flatMap((requirement) =>
        requirement.type === "scenario" ? [requirement.scenario] : [],
      ),
    );
    const signedOff = new Set<string>();
    list.forEach((requirement, index) => {
      if (seen.has(requirement.id)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "id"],
          message: `requirement id "${requirement.id}" is used twice`,
        });
      }
      seen.add(requirement.id);
      if (requirement.type !== "trainer-sign-off") return;
      if (!scenarios.has(requirement.scenario)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "scenario"],
          message: `a trainer sign-off needs a scenario requirement for "${requirement.scenario}" in the same list`,
        });
      }
      const key = `${requirement.scenario}/${requirement.rubricItem}`;
      if (signedOff.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "rubricItem"],
          message: `"${key}" is signed off twice`,
        });
      }
      signedOff.add(key);
    });
  });

export const programmeSchema = z
  .strictObject({
    /** Matches the file name; certificates store it, so never change it once published. */
    id: slug,
    title: text,
    summary: text,
    /** How long a certificate lasts from the day it is issued (or renewed), in calendar months. */
    validity: z.strictObject({ months: z.int().min(1).max(60) }),
    requirements: requirementList,
    renewal: z.strictObject({
      /** The renewal window opens this many days before expiry and closes at expiry. */
      windowDays: z.int().min(1).max(365),
      /** Days before expiry on which the holder is reminded, largest first. */
      remindDaysBefore: z.array(z.int().min(1)).default([]),
      /** The shorter set that renews a certificate; evidence must fall inside the window. */
      requirements: requirementList,
    }),
  })
  .superRefine((programme, ctx) => {
    const { windowDays, remindDaysBefore } = programme.renewal;
    if (windowDays > programme.validity.months * 28) {
      ctx.addIssue({
        code: "custom",
        path: ["renewal", "windowDays"],
        message: `the renewal window (${windowDays} days) must be shorter than the validity`,
      });
    }
    remindDaysBefore.forEach((days, index) => {
      if (days > windowDays) {
        ctx.addIssue({
          code: "custom",
          path: ["renewal", "remindDaysBefore", index],
          message: `a reminder ${days} days before expiry comes before the window opens (${windowDays} days)`,
        });
      }
      const previous = remindDaysBefore[index - 1];
      if (previous !== undefined && days >= previous) {
        ctx.addIssue({
          code: "custom",
          path: ["renewal", "remindDaysBefore", index],
          message: "list reminders from the most days before expiry to the fewest, each once",
        });
      }
    });
  });
export type ProgrammeFile = z.output<typeof programmeSchema>;
