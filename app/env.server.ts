import { createPrivateKey, type KeyObject } from "node:crypto";
import { z } from "zod";

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

/**
 * The key that signs Open Badges credentials (docs/decisions/063): an RSA private key of 2048 bits
 * or more, as PKCS#8 PEM or as a JWK in JSON, because RS256 is what every OB 3.0 verifier checks.
 * The message never repeats the value: it is a secret.
 */
const credentialSigningKey = z.string().transform((text, ctx): KeyObject => {
  const fail = (message: string) => {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  };
  let key: KeyObject;
  try {
    // Env files often hold a PEM on one line with its line breaks written as \n.
    const trimmed = text.trim().replace(/\\n/g, "\n");
    key = trimmed.startsWith("{")
      ? createPrivateKey({ key: JSON.parse(trimmed), format: "jwk" })
      : createPrivateKey(trimmed);
  } catch {
    return fail("is not a private key: give a PKCS#8 PEM (-----BEGIN PRIVATE KEY-----) or a JWK");
  }
  if (key.asymmetricKeyType !== "rsa") {
    return fail(
      `must be an RSA key (RS256 is what Open Badges verifiers check), not ${key.asymmetricKeyType}`,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) return fail(`is a ${bits}-bit RSA key; use 2048 bits or more`);
  return key;
});

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  PGLITE_DIR: z.string().min(1).default("./data/pglite"),
  /** Where `remix build` wrote the app: BUILD_DIR/index.js and public/BUILD_DIR. */
  BUILD_DIR: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "must be a plain folder name")
    .default("build"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  SESSION_COOKIE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "may hold only letters, digits, - and _")
    .default("rtp_session"),
  /** Defaults to on in production; turn off only for plain-HTTP local demos. */
  SESSION_COOKIE_SECURE: flag.optional(),
  /** Set when behind a load balancer so the client address comes from X-Forwarded-For. */
  TRUST_PROXY: flag.default(false),
  /** Lets an admin move the server's clock forward (browser tests of expiry and timed runs). Never in production. */
  TEST_CLOCK: flag.default(false),
  /** Where the app is reached, for links in e-mails, certificates and badges. */
  APP_URL: z
    .string()
    .regex(/^https?:\/\/[^/]+$/, "must be an http:// or https:// address with no path")
    .default("http://localhost:3000"),
  /** smtp:// or smtps:// URL of the mail server; when unset, mail is written to MAIL_OUTBOX. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  /** The sender of every e-mail. */
  MAIL_FROM: z.string().min(3).default("Ready to Post <no-reply@ready-to-post.invalid>"),
  /** The folder that collects e-mails as .eml files when SMTP_URL is unset. */
  MAIL_OUTBOX: z.string().min(1).default("./data/outbox"),
  /** "auto" seeds the demo council into an empty database only; "force" seeds regardless. */
  SEED_DEMO: z.enum(["auto", "force", "never"]).default("auto"),
  /** Signs Open Badges credentials. Required in production; elsewhere one is kept in the database. */
  CREDENTIAL_SIGNING_KEY: credentialSigningKey.optional(),
});

export type Env = z.infer<typeof envSchema>;

/** Reads the environment once; a bad value stops start-up with the variable's name. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable means "not set", as shells and CI files tend to write it.
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(given);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `  ${issue.path.join(".")}: ${issue.message}`)
      .join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  if (result.data.TEST_CLOCK && result.data.NODE_ENV === "production") {
    throw new Error("Invalid environment:\n  TEST_CLOCK: must not be set in production");
  }
  if (!result.data.CREDENTIAL_SIGNING_KEY && result.data.NODE_ENV === "production") {
    throw new Error(
      "Invalid environment:\n  CREDENTIAL_SIGNING_KEY: must be set in production (an RSA private key, PKCS#8 PEM or JWK; see README)",
    );
  }
  return result.data;
}

export const env = readEnv();
export const cookieSecure = env.SESSION_COOKIE_SECURE ?? env.NODE_ENV === "production";
