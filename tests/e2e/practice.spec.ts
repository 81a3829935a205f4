import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The practice feed in a real browser: a scenario played to a pass, another left to fail,
// a timed inject arriving without a reload, a reload mid-run, the debrief and the replay.

const skipButton = (page: Page) => page.getByRole("button", { name: "Skip to what happens next" });
const endedHeading = (page: Page) => page.getByRole("heading", { name: /^The run has ended/ });

/** Practice mode's fast-forward, pressed until the engine ends the run. */
async function skipToTheEnd(page: Page) {
  for (let i = 0; i < 30; i++) {
    if (await endedHeading(page).isVisible()) return;
    const skip = skipButton(page);
    if (await skip.isVisible()) {
      await expect(skip).toBeEnabled();
      if (await endedHeading(page).isVisible()) return;
      await skip.click();
    }
    await page.waitForTimeout(150);
  }
  await expect(endedHeading(page)).toBeVisible();
}

async function reply(page: Page, to: string, text: string) {
  await page
    .getByRole("button", { name: `Reply to ${to}` })
    .first()
    .click();
  await page.getByLabel(`Your reply to ${to}`).fill(text);
  await page.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(page.getByText(text)).toBeVisible();
  // Reconciled: the server's answer replaces the "Sending…" guess.
  await expect(page.getByText("Sending…")).toHaveCount(0);
}

test("a scenario played to a pass, with the debrief", async ({
  page,
  signInAs,
  expectAccessible,
}) => {
  test.setTimeout(90_000);
  await signInAs("staff");
  await expect(page.getByRole("heading", { name: "Practice", level: 2 })).toBeVisible();
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Practice" })
    .click();
  await expect(page.getByRole("heading", { name: "Practice", level: 1 })).toBeVisible();
  await expectAccessible();

  await page.getByRole("button", { name: /^Practise A thank-you for the gritters/ }).click();
  await expect(page.getByRole("heading", { name: "Anyshire District Council" })).toBeVisible();
  await expect(page.getByText(/Frost is forecast tonight/)).toBeVisible();
  await expectAccessible();

  await skipButton(page).click();
  await expect(page.locator('[data-item="dev-thanks"]')).toBeVisible();
  await reply(page, "Dev Sharma", "Thanks Dev, glad the crews helped you get to work safely.");

  await skipButton(page).click();
  await expect(page.locator('[data-item="jo-all-roads"]')).toBeVisible();
  // The composer counts down from 280 as you type.
  await page.getByRole("button", { name: "Reply to Jo Watkins" }).click();
  const box = page.getByLabel("Your reply to Jo Watkins");
  await box.fill("x".repeat(270));
  await expect(
    page.locator(".composer__count").filter({ hasText: "10 characters left" }),
  ).toBeVisible();
  await box.fill("");
  await page.getByRole("button", { name: "Cancel" }).click();
  await reply(
    page,
    "Jo Watkins",
    "You're right Jo, we got this wrong. To correct our earlier post: we should have said priority routes, not all roads.",
  );
  await reply(
    page,
    "Jo Watkins",
    "You can see which roads are on the priority gritting routes at anyshire.gov.uk/gritting.",
  );
  await expectAccessible();

  await skipToTheEnd(page);
  await expect(endedHeading(page)).toHaveText(/Mistake put right in the open/);
  await expectAccessible();
  await page.getByRole("link", { name: "See your debrief" }).click();
  await expect(page.getByRole("heading", { name: "You passed" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Tone of the correction/ })).toContainText(
    "Pending: a trainer will mark this",
  );
  await expect(page.getByRole("heading", { name: "Decision by decision" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Listening/i }).first()).toHaveAttribute(
    "href",
    /^\/learn\/staff-social-media\//,
  );
  await expectAccessible();
});

test("a timed inject arrives live, a reload keeps the feed, and a run left alone fails", async ({
  page,
  signInAs,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  await signInAs("staff");
  await page.goto("/practice");
  await expectAccessible();
  await page.getByRole("button", { name: /^Practise Abuse under a bin-collection update/ }).click();
  await expect(page.getByRole("heading", { name: "Anyshire District Council" })).toBeVisible();
  await expectAccessible();
  const gaz = page.locator('[data-item="gaz-abuse"]');
  await expect(gaz).toHaveCount(0);

  // Five simulated seconds in, Gaz's comment arrives by itself: no reload, no click.
  await expect(gaz).toBeVisible({ timeout: 15_000 });
  await expect(gaz).toHaveClass(/feed-item--fresh/);
  await expect(page.locator('[aria-live="polite"][aria-atomic="true"]')).toContainText("New: Gaz");

  // Keyboard only: open Gaz's menu and hide the comment.
  await page.getByRole("button", { name: "More actions for the comment by Gaz" }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Hide comment by Gaz" }).focus();
  await page.keyboard.press("Enter");
  await expect(gaz.getByText(/^Hidden:/)).toBeVisible();

  // Escalate through the dialog: team and note are both needed.
  await page.getByRole("button", { name: "More actions for the comment by Tom Evans" }).click();
  await page.getByRole("button", { name: "Escalate comment by Tom Evans to a team" }).click();
  const dialog = page.getByRole("dialog", { name: "Escalate to a team" });
  await expect(dialog).toBeVisible();
  await expectAccessible();
  await dialog.getByRole("button", { name: "Escalate" }).click();
  await expect(dialog.getByText("Choose a team", { exact: false }).first()).toBeVisible();
  await dialog.getByLabel("Team", { exact: true }).selectOption("comms");
  await dialog
    .getByLabel("Note for the team")
    .fill("A resident thanked us; worth sharing with comms.");
  await dialog.getByRole("button", { name: "Escalate" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Escalated to: Communications team.")).toBeVisible();

  // A reload shows exactly the same feed.
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByRole("button", { name: "Resume" })).toBeVisible();
  const before = await page.locator(".run-feed").textContent();
  await page.reload();
  await expect(gaz.getByText(/^Hidden:/)).toBeVisible();
  expect(await page.locator(".run-feed").textContent()).toBe(before);
  await expectAccessible();

  // An action the server refuses says why: Gaz is blocked in another tab meanwhile.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await other.getByRole("button", { name: "More actions for the comment by Gaz" }).click();
  await other.getByRole("button", { name: "Block Gaz" }).click();
  await expect(other.getByRole("button", { name: "Block Gaz" })).toHaveCount(0);
  await other.close();
  await page.getByRole("button", { name: "More actions for the comment by Gaz" }).click();
  await page.getByRole("button", { name: "Block Gaz" }).click();
  await expect(page.getByRole("alert")).toContainText("You have already blocked Gaz.");

  await page.getByRole("button", { name: "Resume" }).click();
  await skipToTheEnd(page);
  await expect(endedHeading(page)).toHaveText(/The thread got away from you/);
  await page.getByRole("link", { name: "See your debrief" }).click();
  await expect(page.getByRole("heading", { name: "You did not pass this time" })).toBeVisible();
  await expect(page.getByText("Missed").first()).toBeVisible();
  await expectAccessible();

  const failedRun = page.url();
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Anyshire District Council" })).toBeVisible();
  expect(page.url()).not.toBe(failedRun.replace(/\/debrief$/, ""));
  await expectAccessible();
  await page.goto("/practice");
  await expect(page.getByRole("table")).toContainText("Not passed");
  await expectAccessible();
});

test("trainers step through a run read-only; others cannot open it", async ({
  page,
  signInAs,
  expectAccessible,
}) => {
  test.setTimeout(60_000);
  await signInAs("trainer");
  await page.goto("/practice");
  await expectAccessible();
  await page.getByRole("button", { name: /^Practise Abuse under a bin-collection update/ }).click();
  await expect(page.getByRole("heading", { name: "Anyshire District Council" })).toBeVisible();
  await expectAccessible();
  await skipButton(page).click();
  await page.getByRole("button", { name: "More actions for the comment by Gaz" }).click();
  await page.getByRole("button", { name: "Hide comment by Gaz" }).click();
  await expect(page.locator('[data-item="gaz-abuse"]').getByText(/^Hidden:/)).toBeVisible();
  const runPath = new URL(page.url()).pathname;

  await page.goto(`${runPath}/replay`);
  await expect(page.getByRole("heading", { name: /^Replay:/ })).toBeVisible();
  await expect(page.getByText("hide gaz-abuse")).toBeVisible();
  await expect(page.getByRole("slider", { name: /Time in the run/ })).toBeVisible();
  await expectAccessible();
  await page.goto(`${runPath}/replay?at=0`);
  await expect(page.locator('[data-item="gaz-abuse"]')).toHaveCount(0);
  await expect(page.getByText("(not yet at this moment)")).toBeVisible();
  await page.getByRole("link", { name: "Next action" }).click();
  await expect(page.locator('[data-item="gaz-abuse"]')).toBeVisible();
  await expectAccessible();

  await page.context().clearCookies();
  await signInAs("staff");
  const runPage = await page.goto(runPath);
  expect(runPage?.status()).toBe(404);
  await expectAccessible();
  const replay = await page.goto(`${runPath}/replay`);
  expect(replay?.status()).toBe(403);
  await expectAccessible();
});
