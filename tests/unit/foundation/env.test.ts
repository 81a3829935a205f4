import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readEnv as readProcessEnv } from "~/env.server";

/** readEnv on just these variables (the node types insist on NODE_ENV being present). */
const readEnv = (variables: Record<string, string>) =>
  readProcessEnv(variables as NodeJS.ProcessEnv);

/** The message readEnv stops start-up with, or a failure if it does not stop. */
function startUpError(source: Record<string, string>): string {
  try {
    readEnv(source);
  } catch (error) {
    assert.ok(error instanceof Error);
    return error.message;
  }
  assert.fail(`readEnv accepted ${JSON.stringify(source)}`);
}

describe("readEnv", () => {
  test("an empty environment runs the embedded database on port 3000", () => {
    const env = readEnv({});
    assert.equal(env.DATABASE_URL, undefined);
    assert.equal(env.SESSION_COOKIE_SECURE, undefined);
    assert.deepEqual(env, {
      NODE_ENV: "development",
      PGLITE_DIR: "./data/pglite",
      PORT: 3000,
      HOST: "0.0.0.0",
      SESSION_DAYS: 14,
      SESSION_COOKIE_NAME: "rtp_session",
      TRUST_PROXY: false,
      SEED_DEMO: "auto",
      TEST_CLOCK: false,
      BUILD_DIR: "build",
      APP_URL: "http://localhost:3000",
      MAIL_FROM: "Ready to Post <no-reply@ready-to-post.invalid>",
      MAIL_OUTBOX: "./data/outbox",
    });
  });

  test("the test clock is refused in production", () => {
    assert.match(startUpError({ NODE_ENV: "production", TEST_CLOCK: "true" }), /TEST_CLOCK/);
  });

  test("settings are read and converted", () => {
    const env = readEnv({
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://app:secret@db.internal:5432/ready_to_post",
      PGLITE_DIR: "memory://",
      PORT: "8080",
      SESSION_DAYS: "30",
      SESSION_COOKIE_NAME: "council-session",
      SESSION_COOKIE_SECURE: "no",
      TRUST_PROXY: "yes",
      SEED_DEMO: "never",
    });
    assert.equal(env.NODE_ENV, "production");
    assert.equal(env.DATABASE_URL, "postgresql://app:secret@db.internal:5432/ready_to_post");
    assert.equal(env.PORT, 8080);
    assert.equal(env.SESSION_DAYS, 30);
    assert.equal(env.SESSION_COOKIE_NAME, "council-session");
    assert.equal(env.SESSION_COOKIE_SECURE, false);
    assert.equal(env.TRUST_PROXY, true);
    assert.equal(env.SEED_DEMO, "never");
    assert.equal(
      readEnv({ DATABASE_URL: "postgres://localhost/app" }).DATABASE_URL,
      "postgres://localhost/app",
    );
  });

  test("on/off settings accept true/false, 1/0 and yes/no", () => {
    for (const [value, expected] of [
      ["true", true],
      ["1", true],
      ["yes", true],
      ["false", false],
      ["0", false],
      ["no", false],
    ] as const) {
      assert.equal(readEnv({ TRUST_PROXY: value }).TRUST_PROXY, expected, value);
    }
  });

  test("an empty variable counts as not set", () => {
    const env = readEnv({ DATABASE_URL: "", PORT: "", SEED_DEMO: "" });
    assert.equal(env.DATABASE_URL, undefined);
    assert.equal(env.PORT, 3000);
    assert.equal(env.SEED_DEMO, "auto");
  });

  test("a DATABASE_URL that is not a PostgreSQL URL is named", () => {
    for (const url of ["mysql://localhost/app", "localhost:5432", "sqlite:data.db"]) {
      const message = startUpError({ DATABASE_URL: url });
      assert.match(message, /DATABASE_URL/);
      assert.match(message, /postgres:\/\//);
    }
  });

  test("a PORT that is not a port number is named", () => {
    for (const port of ["http", "0", "65536", "80.5", "-1"]) {
      assert.match(startUpError({ PORT: port }), /PORT/, port);
    }
  });

  test("every bad setting is named at once, and only the bad ones", () => {
    const message = startUpError({
      PORT: "abc",
      SESSION_DAYS: "365",
      SESSION_COOKIE_NAME: "bad name;",
      TRUST_PROXY: "maybe",
      SEED_DEMO: "always",
      HOST: "127.0.0.1",
    });
    for (const name of [
      "PORT",
      "SESSION_DAYS",
      "SESSION_COOKIE_NAME",
      "TRUST_PROXY",
      "SEED_DEMO",
    ]) {
      assert.match(message, new RegExp(`\\b${name}\\b`), name);
    }
    assert.doesNotMatch(message, /HOST/);
    assert.doesNotMatch(message, /DATABASE_URL/);
  });

  test("variables the app does not use are ignored", () => {
    assert.doesNotThrow(() => readEnv({ PATH: "/usr/bin", HOME: "/root" }));
  });
});
