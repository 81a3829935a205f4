import { fileURLToPath } from "node:url";
import { defineConfig, devices } from "@playwright/test";

const root = fileURLToPath(new URL("../..", import.meta.url));
const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;
const dataDir = process.env.E2E_DATA ?? "./data/pglite-e2e";
export const buildDir = process.env.E2E_BUILD ?? "build";

export default defineConfig({
  testDir: ".",
  outputDir: `./.results/${port}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // A fresh database of its own each run; one PGlite folder is never shared.
    command: `rm -rf ${dataDir} && npm run build --silent && tsx app/setup.server.ts && tsx app/main.server.ts`,
    cwd: root,
    url: `${baseURL}/healthz`,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      PGLITE_DIR: dataDir,
      BUILD_DIR: buildDir,
      NODE_ENV: "test",
      TEST_CLOCK: "true",
      DATABASE_URL: "",
    },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5000 },
  },
});
