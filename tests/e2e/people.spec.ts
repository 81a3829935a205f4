import { expect, test } from "./fixtures";

const header = "email,name,department,role,manager_email";

test("an admin imports a CSV: a bad row blocks the import, the fixed file imports", async ({
  page,
  signInAs,
  expectAccessible,
}) => {
  await signInAs("admin");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "People" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await expectAccessible();
  await page.getByRole("link", { name: "Import from CSV" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Import people from a CSV file" }),
  ).toBeVisible();
  await expectAccessible();

  const broken = [
    header,
    'nia.hughes@demo.test,"Hughes, Nia",Highways,staff,manager@demo.test',
    "rob.quinn@demo.test,Rob Quinn,Parks,staff,manager@demo.test",
  ].join("\n");
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from(broken) });
  await page.getByRole("button", { name: "Check file" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Nothing has been imported");
  await expect(alert.getByRole("row", { name: /Line 3/ })).toContainText(
    'Unknown department "Parks"',
  );
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);
  await expectAccessible();

  await page.goto("/admin/people?q=hughes%2C+nia&status=all");
  await expect(page.getByText("No people match.")).toBeVisible();
  await expectAccessible();

  await page.goto("/admin/people/import");
  const fixed = `\uFEFF${broken.replace("Parks", "Libraries")}`;
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByRole("heading", { name: "Check before you import" })).toBeVisible();
  await expect(page.getByText("2 to add, 0 to update.")).toBeVisible();
  await expectAccessible();
  await page.getByRole("button", { name: "Import 2 people" }).click();

  await expect(
    page.getByRole("status").filter({ hasText: "Imported: 2 added, 0 updated." }),
  ).toBeVisible();
  await expectAccessible();
  await page.getByRole("searchbox", { name: "Search by name or email" }).fill("Hughes, Nia");
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByRole("row", { name: /Hughes, Nia/ });
  await expect(row).toContainText("Highways");
  await expect(row).toContainText("Priya Shah");
});

test("an admin adds a person, changes their role and deactivates them", async ({
  page,
  signInAs,
  expectAccessible,
}) => {
  await signInAs("admin");
  await page.goto("/admin/people/new");
  await expectAccessible();
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter the person's name");
  await expectAccessible();
  await page.getByLabel("Full name").fill("Carys Jenkins");
  await page.getByLabel("Email").fill("carys.jenkins@demo.test");
  await page.getByLabel("Department").selectOption({ label: "Libraries" });
  await page.getByLabel("Line manager").selectOption({ label: "Tom Evans" });
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Carys Jenkins" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Person added.");
  await expectAccessible();

  await page.getByLabel("Role", { exact: true }).selectOption("trainer");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Changes saved.");
  await page.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("status")).toContainText("Deactivated");
  await expect(page.getByRole("button", { name: "Reactivate" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "user.deactivated" })).toBeVisible();
});
