import { readCourses } from "../../app/content/read.server";
import { expect, test } from "./fixtures";
import { passQuiz } from "./quiz";

// The staff member's side of certification up to the first certificate: lessons and the quiz
// through the real pages, and an account refused until they are certified. The whole
// lifecycle (scenarios, award, approval, expiry, suspension, renewal) is lifecycle.spec.ts.

const course = readCourses().find((c) => c.id === "staff-social-media");
if (!course) throw new Error("the staff course must exist");
const learner = { email: "farah.ahmed@demo.test" };

test("a staff member's checklist fills as they learn; an account needs the certificate first", async ({
  page,
  signInAs,
  expectAccessible,
}) => {
  test.setTimeout(240_000);
  await signInAs(learner);
  await expect(page.getByRole("region", { name: "Your certificate" })).toContainText(
    "requirements left",
  );
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Certification" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Certification" })).toBeVisible();
  const checklist = page.getByRole("list", { name: "Requirements for Staff social media access" });
  await expect(checklist.getByRole("listitem")).toHaveCount(6);
  await expect(checklist).toContainText(
    "To do: Read every lesson of “Social media at work” (0 of 9 read)",
  );
  await expectAccessible();

  await checklist
    .getByRole("link", { name: "Read every lesson of “Social media at work”" })
    .click();
  await expectAccessible();
  await page.getByRole("link", { name: /^Next: / }).click();
  for (const lesson of course.lessons) {
    await expect(page.getByRole("heading", { level: 1, name: lesson.title })).toBeVisible();
    await expectAccessible();
    await page.getByRole("button", { name: "Mark as done" }).click();
  }
  await expect(page.getByRole("heading", { level: 1, name: /^Quiz: / })).toBeVisible();
  await expectAccessible();
  await passQuiz(page, expectAccessible);

  await page.goto("/certification");
  await expect(checklist).toContainText(
    "Done: Read every lesson of “Social media at work” (9 of 9 read)",
  );
  await expect(checklist).toContainText("Done: Pass the quiz of “Social media at work”");
  await expect(page.getByText("What is left: 4 of 6 requirements (71% of the way).")).toBeVisible();
  await expectAccessible();

  await page.getByRole("link", { name: /^Details\s*: Staff social media access/ }).click();
  await expect(page.getByText("You do not hold this certificate yet.")).toBeVisible();
  await expectAccessible();

  await page.goto("/accounts");
  await expect(
    page.getByText("You need a valid certificate before you can request an account."),
  ).toBeVisible();
  await expect(page.getByLabel("Handle")).toHaveValue("@FarahAhmedDemoCouncil");
  await expectAccessible();
  await page.getByLabel("Platform").selectOption("x");
  await page.getByLabel("Handle").fill("@farah");
  await page.getByRole("button", { name: "Request the account" }).click();
  await expect(page.getByRole("alert")).toContainText(
    'Handles follow the rule "{name}DemoCouncil", so yours must be @FarahAhmedDemoCouncil',
  );
  await expectAccessible();
  await page.getByLabel("Handle").fill("@FarahAhmedDemoCouncil");
  await page.getByRole("button", { name: "Request the account" }).click();
  await expect(page.getByRole("alert")).toContainText(
    'An account on X needs a valid "Staff social media access" certificate.',
  );
  await expectAccessible();
});

test("the manager sees their department, filters it, opens a person and exports a CSV", async ({
  page,
  signInAs,
  expectAccessible,
}) => {
  await signInAs("manager");
  await expect(page.getByRole("region", { name: "Your team's certification" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();
  await expect(
    page.getByRole("img", { name: /Line chart of the share of people certified/ }),
  ).toBeVisible();
  const table = page.getByRole("table", { name: /People, sorted by name/ });
  await expect(table).toContainText("Farah Ahmed");
  await expect(table).not.toContainText("Gareth Davies");
  await expectAccessible();

  await page.getByLabel("Name or email").fill("farah");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/q=farah/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText(/Farah Ahmed.*(% of the way|Not started)/);
  await expectAccessible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const csv = await (await download).createReadStream();
  let text = "";
  for await (const chunk of csv) text += chunk;
  expect(text.split("\n")[0]).toBe(
    "Name,Email,Department,Status,Progress (%),Certificate expires,Live accounts,Last activity",
  );
  expect(text).toContain("Farah Ahmed,farah.ahmed@demo.test,Highways");

  await table.getByRole("link", { name: "Farah Ahmed" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Farah Ahmed" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Audit trail" })).toBeVisible();
  await expectAccessible();

  // Someone in another department is not found, not forbidden.
  await page.goto("/team");
  await page.getByLabel("Name or email").fill("nobody-in-highways-is-called-this");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No people match.")).toBeVisible();
  await expectAccessible();
});

test("a manager gets a 404 for a person outside their department", async ({
  page,
  signInAs,
  expectAccessible,
}) => {
  await signInAs("admin");
  await page.goto("/team?q=gareth");
  const link = page.getByRole("link", { name: "Gareth Davies" });
  const href = await link.getAttribute("href");
  await expectAccessible();
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expectAccessible();
  await page.goto("/accounts/settings");
  await page.getByRole("textbox", { name: "Naming rule" }).fill("{nickname}Council");
  await page.getByRole("button", { name: "Save the rule" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "The rule must include {name}, {first} or {last}",
  );
  await expectAccessible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await signInAs("manager");
  const response = await page.goto(href ?? "/team/none");
  expect(response?.status()).toBe(404);
  await expectAccessible();
});

test("anyone can check a code; an unknown code says so plainly", async ({
  page,
  expectAccessible,
}) => {
  await page.goto("/verify");
  await expect(page.getByRole("heading", { level: 1, name: "Check a certificate" })).toBeVisible();
  await expectAccessible();
  await page.getByLabel("Verification code").fill("abcd efgh jkmn pqrs tvwx");
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page).toHaveURL(/\/verify\/ABCD-EFGH-JKMN-PQRS-TVWX$/);
  await expect(
    page.getByRole("heading", { level: 1, name: "No certificate has this code" }),
  ).toBeVisible();
  await expectAccessible();
});

test("anyone can fetch the public key that checks signed Open Badges", async ({ request }) => {
  const response = await request.get("/.well-known/jwks.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["access-control-allow-origin"]).toBe("*");
  const { keys } = await response.json();
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
  expect(keys[0].kid).toMatch(/\/\.well-known\/jwks\.json#[\w-]{43}$/);
  for (const secret of ["d", "p", "q", "dp", "dq", "qi"])
    expect(keys[0]).not.toHaveProperty(secret);
});
