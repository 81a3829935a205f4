import type { Page } from "@playwright/test";
import { readCourses } from "../../app/content/read.server";
import { expect, test } from "./fixtures";
import { baseURL } from "./playwright.config";

// The test knows the right answers by reading the quiz files, as no learner's page can.
const course = readCourses().find((c) => c.id === "staff-social-media");
if (!course?.quiz) throw new Error("the staff course and its quiz must exist");
const staffCourse = course;
const accreditedTitle = "Running an accredited council account";
const questions = new Map(course.quiz.questions.map((question) => [question.id, question]));
const lessonCount = course.lessons.length;

function progressOf(page: Page) {
  return page.getByRole("progressbar", { name: /Social media at work/ }).first();
}

/** The ids of the questions on an open attempt, in the order asked. */
async function askedQuestions(page: Page): Promise<string[]> {
  const names = await page
    .locator('input[name^="q-"]')
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).name));
  return [...new Set(names)].map((name) => name.slice(2));
}

async function answerEvery(page: Page, ids: string[], right: boolean) {
  for (const id of ids) {
    const question = questions.get(id);
    if (!question) throw new Error(`unknown question ${id}`);
    const chosen = right
      ? question.options.filter((option) => option.correct)
      : [question.options.find((option) => !option.correct) ?? question.options[0]];
    for (const option of chosen) {
      await page.locator(`input[name="q-${id}"][value="${option?.id}"]`).check();
    }
  }
}

test("a staff member reads every lesson, fails the quiz, retakes it and passes", async ({
  page,
  signInAs,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  // A staff member of their own: other specs start quizzes as the demo staff account.
  await signInAs({ email: "bethan.price@demo.test" });
  const home = page.getByRole("region", { name: "Your learning" });
  await expect(
    home.getByRole("link", { name: `Next: ${staffCourse.lessons[0]?.title}` }),
  ).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Learn" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Learn" })).toBeVisible();
  await expect(progressOf(page)).toHaveAttribute("value", "0");
  await expect(page.getByText(/About \d+ minutes of reading left/)).toBeVisible();
  await expectAccessible();

  await page.getByRole("link", { name: staffCourse.title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: staffCourse.title })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Not started" })).toHaveCount(
    lessonCount,
  );
  await expectAccessible();
  await page.getByRole("link", { name: /^Next: / }).click();

  for (const [index, lesson] of staffCourse.lessons.entries()) {
    await expect(page.getByRole("heading", { level: 1, name: lesson.title })).toBeVisible();
    await expect(page.getByText(`Lesson ${index + 1} of ${lessonCount}`)).toBeVisible();
    const objectives = page.getByRole("region", { name: "By the end of this lesson you can" });
    await expect(objectives.getByRole("listitem")).toHaveCount(lesson.objectives.length);
    await expect(page.getByRole("heading", { level: 2, name: "What would you do?" })).toBeVisible();
    await expect(page.getByText(`${lesson.minutes} minutes to read`)).toBeVisible();
    await expectAccessible();
    await page.getByRole("button", { name: "Mark as done" }).click();
    if (index < lessonCount - 1) {
      await expect(page.getByRole("status")).toHaveText(`“${lesson.title}” is marked as done.`);
    }
  }

  // After the last lesson, the quiz is next.
  await expect(
    page.getByRole("heading", { level: 1, name: `Quiz: ${staffCourse.title}` }),
  ).toBeVisible();
  await expectAccessible();
  await page.goto("/learn");
  await expect(progressOf(page)).toHaveAttribute("value", String(lessonCount));
  await expect(page.getByText("Nothing left to read")).toBeVisible();
  await expectAccessible();
  await page.getByRole("link", { name: "Next: take the quiz" }).click();
  await expectAccessible();

  // First attempt: every answer wrong.
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page.getByRole("button", { name: "Submit answers" })).toBeVisible();
  const first = await askedQuestions(page);
  expect(first).toHaveLength(staffCourse.quizRules.questionsPerAttempt);
  // The open attempt's page carries no explanations, so nothing gives the answers away.
  const html = await page.content();
  for (const id of first) {
    for (const option of questions.get(id)?.options ?? []) {
      expect(html).not.toContain(option.explanation.slice(0, 60));
    }
  }
  await expectAccessible();
  await answerEvery(page, first, false);
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(
    page.getByRole("heading", { level: 2, name: "You did not pass this time" }),
  ).toBeVisible();
  await expect(page.getByText(`You got 0 out of ${first.length} right.`)).toBeVisible();
  await expect(page.getByRole("heading", { name: /you got this wrong/ })).toHaveCount(first.length);
  await expectAccessible();

  // Second attempt: a new set, every answer right.
  await page.getByRole("button", { name: "Start a new attempt" }).click();
  await expect(page.getByRole("button", { name: "Submit answers" })).toBeVisible();
  const second = await askedQuestions(page);
  expect([...second].sort()).not.toEqual([...first].sort());
  await expectAccessible();
  await answerEvery(page, second, true);
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "You passed" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /you got this right/ })).toHaveCount(
    second.length,
  );
  await expectAccessible();

  await page.getByRole("link", { name: "Back to the quiz page" }).click();
  const history = page.getByRole("table", { name: /Your attempts/ });
  await expect(history.getByRole("row")).toHaveCount(3);
  await expect(history.getByRole("row").nth(1)).toContainText("Passed");
  await expect(history.getByRole("row").nth(2)).toContainText("Not passed");
  await expectAccessible();

  await page.goto("/learn");
  await expect(page.getByText("Passed", { exact: true })).toBeVisible();
  await expect(page.getByText("Complete", { exact: true })).toBeVisible();
  await expectAccessible();
});

test("a member of staff asks to take the accredited-account course and starts it", async ({
  page,
  signInAs,
  expectAccessible,
}) => {
  await signInAs("staff");
  await page.goto("/learn");
  const more = page.getByRole("region", { name: "More courses" });
  await expect(
    more.getByRole("heading", { name: "Running an accredited council account" }),
  ).toBeVisible();
  await expectAccessible();
  await more.getByRole("button", { name: /Ask to take this course/ }).click();
  await expect(page.getByRole("status")).toContainText("You asked to take this course");
  await expect(page.getByRole("progressbar", { name: /Running an accredited/ })).toHaveAttribute(
    "value",
    "0",
  );
  await expectAccessible();
  await page.getByRole("link", { name: /^Next: / }).click();
  await expect(page.getByText("Lesson 1 of 4")).toBeVisible();
  await expectAccessible();
});

test("tampered quiz submissions get a 4xx with a clear message", async ({
  page,
  signInAs,
  expectAccessible,
}) => {
  await signInAs({ email: "sam.rees@demo.test" });
  await page.goto("/learn/staff-social-media/quiz");
  await expectAccessible();
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page.getByRole("button", { name: "Submit answers" })).toBeVisible();
  await expectAccessible();
  const address = page.url();
  const [id] = await askedQuestions(page);
  const post = (form: Record<string, string>) =>
    page.request.post(address, { form, headers: { Origin: baseURL }, maxRedirects: 0 });

  const unknown = await post({ intent: "submit", "q-not-a-question": "a" });
  expect(unknown.status()).toBe(400);
  expect(await unknown.text()).toContain("is not a question in this attempt");

  const stranger = await post({ intent: "submit", [`q-${id}`]: "z" });
  expect(stranger.status()).toBe(400);
  expect(await stranger.text()).toContain("is not one of the options for question 1");

  // In the browser, a blank question is named and linked to.
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByRole("alert")).toContainText("Answer question 1");
  await expectAccessible();

  // Someone else's attempt is a 404, however it is asked for.
  const other = await page.context().browser()?.newContext({ baseURL });
  if (!other) throw new Error("no browser");
  const login = await other.request.post("/login", {
    form: { email: "staff@demo.test", password: "practice-makes-perfect", redirectTo: "/" },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  expect(login.status()).toBe(302);
  expect((await other.request.get(address, { maxRedirects: 0 })).status()).toBe(404);
  const theirs = await other.request.post(address, {
    form: { intent: "submit", [`q-${id}`]: "a" },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  expect(theirs.status()).toBe(404);
  await other.close();
});

test("a manager assigns the accredited-account course; it appears on the person's Learn page", async ({
  page,
  signInAs,
  expectAccessible,
}) => {
  await signInAs("manager");
  await page.goto("/team?q=Chris+Walker");
  await expectAccessible();
  await page.getByRole("link", { name: "Chris Walker" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Chris Walker" })).toBeVisible();
  await expectAccessible();
  await page.getByLabel("Course", { exact: true }).selectOption({ label: accreditedTitle });
  await page.getByRole("button", { name: "Assign course" }).click();
  await expect(page.getByText("Course assigned: it now shows on their Learn page.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Assign a course" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();

  await signInAs({ email: "chris.walker@demo.test" });
  await page.goto("/learn");
  const mine = page.getByRole("region", { name: "Your courses" });
  await expect(mine.getByRole("link", { name: accreditedTitle })).toBeVisible();
  await expectAccessible();
});
