import { demoEmails, demoPassword, expect, test } from "./fixtures";

const navigationByRole = {
  staff: ["Home", "Learn", "Practice", "Certification"],
  trainer: ["Home", "Learn", "Practice", "Certification", "Author", "Reviews"],
  manager: ["Home", "Learn", "Practice", "Certification", "Team"],
  admin: [
    "Home",
    "Learn",
    "Practice",
    "Certification",
    "Author",
    "Reviews",
    "Team",
    "People",
    "Audit log",
  ],
} as const;

for (const [role, links] of Object.entries(navigationByRole)) {
  test(`${role} signs in and sees only their navigation`, async ({ page, signInAs }) => {
    await signInAs(role as keyof typeof navigationByRole);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText([...links]);
    await expect(page.getByText(role, { exact: true }).first()).toBeVisible();
  });
}

test("a wrong password shows an error and does not sign in", async ({ page, expectAccessible }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(demoEmails.staff);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("The email address or password is not right");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expectAccessible();
});

test("an empty form names each missing field", async ({ page, expectAccessible }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter your email address");
  await expect(page.getByRole("alert")).toContainText("Enter your password");
  await expectAccessible();
});

test("an anonymous visit to a protected page goes to sign-in and comes back after it", async ({
  page,
  expectAccessible,
}) => {
  await page.goto("/admin/people?q=Priya");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fpeople%3Fq%3DPriya$/);
  await expectAccessible();
  await page.getByLabel("Email").fill(demoEmails.admin);
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/people\?q=Priya$/);
  await expect(page.getByRole("link", { name: "Priya Shah" })).toBeVisible();
  await expectAccessible();
});

test("signing out ends the session", async ({ page, signInAs, expectAccessible }) => {
  await signInAs("staff");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expectAccessible();
});

test("a staff member who opens an admin page gets a friendly 403", async ({
  page,
  signInAs,
  expectAccessible,
}) => {
  await signInAs("staff");
  const response = await page.goto("/admin/people");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You cannot open this page" })).toBeVisible();
  await expectAccessible();
});

test("an unknown address gets a friendly 404", async ({ page, signInAs, expectAccessible }) => {
  await signInAs("staff");
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAccessible();
});
