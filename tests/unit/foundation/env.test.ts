import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { describe, test } from "node:test";
import { readEnv as readProcessEnv } from "~/env.server";

/** readEnv on just these variables (the node types insist on NODE_ENV being present). */
const readEnv = (variables: Record<string, string>) =>
  readProcessEnv(variables as NodeJS.ProcessEnv);

/** A credential signing key as an operator would paste it: PKCS#8 PEM. */
const signingKeyPem = (type: "rsa" | "ed25519" = "rsa", modulusLength = 2048) =>
  (type === "rsa"
    ? generateKeyPairSync("rsa", { modulusLength })
    : generateKeyPairSync("ed25519")
  ).privateKey
    .export({ type: "pkcs8", format: "pem" })
    .toString();

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
      CREDENTIAL_SIGNING_KEY: signingKeyPem(),
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

  test("production needs a credential signing key, and says so by name", () => {
    const message = startUpError({ NODE_ENV: "production" });
    assert.match(message, /CREDENTIAL_SIGNING_KEY: must be set in production/);
  });

  test("a credential signing key is read from PKCS#8 PEM or a JWK", () => {
    const pem = signingKeyPem();
    const key = readEnv({ CREDENTIAL_SIGNING_KEY: pem }).CREDENTIAL_SIGNING_KEY;
    assert.ok(key);
    assert.equal(key.asymmetricKeyType, "rsa");
    assert.equal(key.type, "private");
    // As env files often hold it: one line, line breaks written as \n.
    const oneLine = readEnv({ CREDENTIAL_SIGNING_KEY: pem.replace(/\n/g, "\\n") });
    assert.ok(oneLine.CREDENTIAL_SIGNING_KEY?.equals(key));
    const jwk = JSON.stringify(key.export({ format: "jwk" }));
    assert.ok(readEnv({ CREDENTIAL_SIGNING_KEY: jwk }).CREDENTIAL_SIGNING_KEY?.equals(key));
  });

  test("a bad credential signing key is named with what is wrong, never echoed", () => {
    const publicPem = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .publicKey.export({ type: "spki", format: "pem" })
      .toString();
    const cases: [string, RegExp][] = [
      ["not-a-key", /is not a private key/],
      ['{"kty":"RSA"}', /is not a private key/],
      [publicPem, /is not a private key/],
      [signingKeyPem("ed25519"), /must be an RSA key .*not ed25519/],
      [signingKeyPem("rsa", 1024), /is a 1024-bit RSA key; use 2048 bits or more/],
    ];
    for (const [value, problem] of cases) {
      const message = startUpError({ CREDENTIAL_SIGNING_KEY: value });
      assert.match(message, /CREDENTIAL_SIGNING_KEY: /, value);
      assert.match(message, problem, value);
      assert.equal(message.includes(value.trim().split("\n")[1] ?? value), false, "not echoed");
    }
  });

  test("variables the app does not use are ignored", () => {
    assert.doesNotThrow(() => readEnv({ PATH: "/usr/bin", HOME: "/root" }));
  });
});
