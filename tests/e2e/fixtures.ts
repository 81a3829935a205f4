import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

export const demoPassword = "practice-makes-perfect";
export const demoEmails = {
  staff: "staff@demo.test",
  trainer: "trainer@demo.test",
  manager: "manager@demo.test",
  admin: "admin@demo.test",
} as const;
export type DemoRole = keyof typeof demoEmails;

interface Fixtures {
  /**
   * Signs in through the real sign-in page as the demo account for a role, or as another
   * seeded person (all share the demo password) when a test needs state nobody else touches.
   */
  signInAs: (who: DemoRole | { email: string }) => Promise<void>;
  /** Checks the current page with axe-core: no serious or critical WCAG 2.2 AA violation. */
  expectAccessible: () => Promise<void>;
  /** Fails the test if it visited a page it never checked with axe. */
  accessibilityGuard: undefined;
}

const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")),
    }));
}

const visited = new WeakMap<Page, Set<string>>();
const checked = new WeakMap<Page, Set<string>>();

export const test = base.extend<Fixtures>({
  accessibilityGuard: [
    async ({ page }, use) => {
      const seen = new Set<string>();
      visited.set(page, seen);
      checked.set(page, new Set());
      page.on("framenavigated", (frame) => {
        if (frame === page.mainFrame() && frame.url().startsWith("http")) {
          seen.add(new URL(frame.url()).pathname);
        }
      });
      await use(undefined);
      const done = checked.get(page) ?? new Set();
      const missed = [...seen].filter((path) => !done.has(path));
      expect(missed, "pages visited but never checked with axe-core").toEqual([]);
    },
    { auto: true },
  ],
  expectAccessible: async ({ page }, use) => {
    await use(async () => {
      await page.waitForLoadState("domcontentloaded");
      expect(await axeViolations(page), `accessibility of ${page.url()}`).toEqual([]);
      checked.get(page)?.add(new URL(page.url()).pathname);
    });
  },
  signInAs: async ({ page, expectAccessible }, use) => {
    await use(async (who) => {
      await page.goto("/login");
      await expectAccessible();
      await page.getByLabel("Email").fill(typeof who === "string" ? demoEmails[who] : who.email);
      await page.getByLabel("Password").fill(demoPassword);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("heading", { level: 1, name: /^Hello/ })).toBeVisible();
      await expectAccessible();
    });
  },
});

export { expect };
