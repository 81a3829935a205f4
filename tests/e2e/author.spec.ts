import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { baseURL } from "./playwright.config";

const form = { headers: { Origin: baseURL }, maxRedirects: 0 } as const;

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Sign in/ })).toBeVisible();
}

test("a trainer writes a scenario from the template, fixes a mistake, play-tests and publishes it; staff then find it", async ({
  page,
  signInAs,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  await signInAs("trainer");
  await expect(page.getByRole("region", { name: "Authoring" })).toBeVisible();
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Author" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Scenarios" })).toBeVisible();
  await expect(
    page.getByRole("link", { name: /Abuse under a bin-collection update/ }),
  ).toBeVisible();
  await expectAccessible();

  // A bad id is refused with a precise message, and nothing is created.
  await page.getByLabel("Id").fill("Bins Abuse!");
  await page.getByLabel("Title").fill("Bins abuse, end to end");
  await page.getByRole("button", { name: "Create from the template" }).click();
  await expect(page.getByRole("alert")).toContainText("lower-case letters, digits and hyphens");
  await expectAccessible();
  await page.getByLabel("Id").fill("e2e-bins");
  await page.getByLabel("Title").fill("Bins abuse, end to end");
  await page.getByRole("button", { name: "Create from the template" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Bins abuse, end to end" }),
  ).toBeVisible();

  // The code editor takes over from the textarea once the page is interactive.
  const code = page.locator(".cm-content");
  await expect(code).toBeVisible();
  await expect(page.getByText("No mistakes")).toBeVisible();
  await expect(
    page.getByRole("img", { name: /Diagram of the scenario: 1 beat and 3 outcomes/ }),
  ).toBeVisible();
  await expectAccessible();

  // A mistake shows at its line, in the gutter and in the list under the editor.
  await page.locator(".cm-line", { hasText: "criticism-or-abuse" }).first().click();
  await page.keyboard.press("End");
  await page.keyboard.type("-x");
  const problems = page.locator("#source-problems");
  await expect(problems).toContainText("1 mistake in the text");
  await expect(problems.getByRole("button", { name: "Line 13, column 5" })).toBeVisible();
  await expect(problems).toContainText('unknown lesson "staff-social-media/criticism-or-abuse-x"');
  await expect(page.locator(".cm-lint-marker-error")).toBeVisible();
  await expect(page.getByText(/This is the last valid version of the text/)).toBeVisible();
  await expectAccessible();

  // Fixed: the list clears, the diagram is current again, and the draft is saved by itself.
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await expect(page.getByText("No mistakes")).toBeVisible();
  await expect(page.getByText(/This is the last valid version/)).toHaveCount(0);
  await expect(page.getByText(/All changes saved at/)).toBeVisible({ timeout: 10_000 });

  // Check, then play-test with fast-forward: a play-test run that never counts.
  await page.getByRole("button", { name: "Check the draft" }).click();
  await expect(page.getByText(/The check passed/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Model check" })).toContainText("Passed");
  await expectAccessible();
  await page.getByRole("button", { name: "Play-test" }).click();
  await expect(page).toHaveURL(/\/practice\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Play-test").first()).toBeVisible();
  await expectAccessible();
  await page.getByRole("button", { name: "Skip to what happens next" }).click();
  await expect(page.getByText("Useless lot. Sack the lot of you.", { exact: true })).toBeVisible();
  await expectAccessible();

  // Publish: version 1, live.
  await page.goto("/author/scenarios/e2e-bins");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText(/Published as version 1/)).toBeVisible();
  await expect(page.getByRole("cell", { name: /v1\s*Live/ })).toBeVisible();
  await expectAccessible();

  await signOut(page);
  await expectAccessible();
  await signInAs("staff");
  await page.goto("/practice");
  await expect(page.getByRole("heading", { name: "Bins abuse, end to end" })).toBeVisible();
  await expectAccessible();
});

test("a trainer grades a reply from an assessed run, and the trainee's debrief counts it", async ({
  page,
  signInAs,
  expectAccessible,
}) => {
  test.setTimeout(90_000);
  // The scenario is published through the same forms the editor posts.
  await signInAs("trainer");
  const created = await page.request.post("/author/scenarios", {
    ...form,
    form: { intent: "new", id: "tone-check", title: "Tone check" },
  });
  expect(created.status()).toBe(302);
  const source = readFileSync("tests/fixtures/authoring/tone-check.yaml", "utf8");
  const saved = await page.request.post("/author/scenarios/tone-check", {
    ...form,
    form: { intent: "save", source, revision: "1" },
  });
  expect(saved.status()).toBe(302);
  const published = await page.request.post("/author/scenarios/tone-check", {
    ...form,
    form: { intent: "publish", revision: "2" },
  });
  expect(published.status()).toBe(302);
  await signOut(page);

  // A staff member takes it assessed and answers Ann.
  await signInAs("staff");
  const started = await page.request.post("/practice", {
    ...form,
    form: { intent: "start", scenario: "tone-check", mode: "assessed" },
  });
  expect(started.status()).toBe(302);
  const runPath = started.headers().location ?? "";
  const reply = await page.request.post(`${runPath}/live`, {
    headers: { Origin: baseURL, "Content-Type": "application/json" },
    data: {
      kind: "action",
      action: {
        type: "reply",
        target: "ann-asks",
        text: "Sorry for the wait, Ann: the bank holiday moved every round by a day.",
      },
    },
  });
  expect(reply.status()).toBe(200);
  await signOut(page);

  await signInAs("trainer");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Reviews" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Reviews" })).toBeVisible();
  const review = page.getByRole("article", { name: /Jordan Lee: Tone check/ });
  await expect(review).toContainText("Why are the bins late again?");
  await expect(review.locator("blockquote")).toContainText("the bank holiday moved every round");
  await expectAccessible();
  // Feedback is required: a grade without it is refused, precisely.
  await review.getByLabel(/Meets the standard/).check();
  await review.getByRole("button", { name: "Save the grade" }).click();
  await expect(page.getByText("Write feedback for the trainee")).toBeVisible();
  await expectAccessible();
  const again = page.getByRole("article", { name: /Jordan Lee: Tone check/ });
  await again.getByLabel(/Meets the standard/).check();
  await again
    .getByLabel("Feedback for Jordan Lee")
    .fill("Warm and clear: you said why the bins were late.");
  await again.getByRole("button", { name: "Save the grade" }).click();
  await expect(page.getByText(/Graded: Jordan Lee's reply meets/)).toBeVisible();
  // Graded, it leaves the queue (the demo council's own past runs may still be waiting there).
  await expect(page.getByRole("article", { name: /Jordan Lee: Tone check/ })).toHaveCount(0);
  await expectAccessible();
  await signOut(page);

  await signInAs("staff");
  await page.goto(`${runPath}/debrief`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // The run was waiting for the trainer; with the grade it reaches the pass mark.
  await expect(page.getByText("You passed")).toBeVisible();
  // The trainer's grade and words replace "Pending" beside the reply.
  await expect(page.getByText("Meets the standard: +", { exact: false })).toBeVisible();
  await expect(
    page.getByText("Warm and clear: you said why the bins were late.", { exact: true }),
  ).toBeVisible();
  await expect(page.getByText("Pending", { exact: true })).toHaveCount(0);
  await expectAccessible();
});
