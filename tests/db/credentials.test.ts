import "./memory-by-default";
import assert from "node:assert/strict";
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeProtectedHeader,
  exportJWK,
  type JSONWebKeySet,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from "jose";
import { appLink } from "../../app/mail.server";
import { loader as publicKeysLoader } from "../../app/routes/[.well-known].jwks[.json]";
import { loader as signedBadgeLoader } from "../../app/routes/certification.$programme.signed-badge";
import { loader as issuerLoader } from "../../app/routes/issuer";
import { createPerson, type Person } from "../../db/factories";
import { certificates, certificationSettings } from "../../db/schema";
import { closeDatabase, db, prepareDatabase } from "./harness";

// The signed Open Badge as a holder downloads it and a verifier checks it: through the two
// routes, verified with nothing but the published keys, as jose verifies any VC-JWT.

const programmeId = "staff-social-media-access";
const day = 86_400_000;
const issuedAt = new Date(Date.now() - 30 * day);
const expiresAt = new Date(Date.now() + 335 * day);
const code = "ABCD-EFGH-JKMN-PQRS-TVWX";

before(prepareDatabase);
after(closeDatabase);

const context = (person: Person): AppLoadContext => ({
  clientAddress: "127.0.0.1",
  sessionId: null,
  user: {
    id: person.id,
    email: person.email,
    name: person.name,
    role: person.role,
    departmentId: person.departmentId,
    active: person.active,
  },
});

async function holderOf(fields: { code: string; revokedAt?: Date; expiresAt?: Date }) {
  const person = await createPerson(db, {
    name: "Jane Smith",
    email: `Jane.${fields.code}@Example.test`,
  });
  await db.insert(certificates).values({
    userId: person.id,
    programmeId,
    programmeTitle: "Social media access for staff",
    programmeHash: "hash-of-programme",
    code: fields.code,
    issuedAt,
    expiresAt: fields.expiresAt ?? expiresAt,
    evidence: [],
    revokedAt: fields.revokedAt ?? null,
  });
  return person;
}

/** GET the signed badge as this person: the response, or the redirect the loader throws. */
async function download(person: Person): Promise<Response> {
  const url = `http://localhost/certification/${programmeId}/signed-badge`;
  try {
    return await signedBadgeLoader({
      request: new Request(url),
      params: { programme: programmeId },
      context: context(person),
    });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function publishedKeys(): Promise<JSONWebKeySet> {
  const response = await publicKeysLoader({
    request: new Request("http://localhost/.well-known/jwks.json"),
    params: {},
    context: { clientAddress: "127.0.0.1", sessionId: null, user: null },
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("Access-Control-Allow-Origin"), "*");
  return (await response.json()) as JSONWebKeySet;
}

const verifyWithPublishedKeys = async (token: string) =>
  jwtVerify(token, createLocalJWKSet(await publishedKeys()), {
    algorithms: ["RS256"],
    issuer: appLink("/issuer"),
  });

/** The token with its payload changed but the original signature kept. */
function tampered(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload as string, "base64url").toString("utf8"));
  change(claims);
  return [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
}

describe("signed Open Badges", () => {
  let token: string;
  let holder: Person;

  before(async () => {
    holder = await holderOf({ code });
    const response = await download(holder);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("Content-Type"), "application/jwt");
    assert.match(
      response.headers.get("Content-Disposition") ?? "",
      /attachment; filename="badge-staff-social-media-access\.jwt"/,
    );
    token = await response.text();
  });

  test("the download verifies with the published public key alone", async () => {
    const { payload, protectedHeader } = await verifyWithPublishedKeys(token);
    const keys = await publishedKeys();
    assert.equal(keys.keys.length, 1);
    const [key] = keys.keys;
    assert.deepEqual(protectedHeader, { alg: "RS256", kid: key?.kid, typ: "JWT" });
    // The kid says where the key is published, as the OB 3.0 JWT proof format asks.
    assert.equal(
      key?.kid,
      `${appLink("/.well-known/jwks.json")}#${await calculateJwkThumbprint(key as object)}`,
    );
    assert.equal(payload.jti, appLink(`/verify/${code}`));
  });

  test("the published key is public only: no private parts", async () => {
    const [key] = (await publishedKeys()).keys;
    assert.equal(key?.kty, "RSA");
    for (const secret of ["d", "p", "q", "dp", "dq", "qi"]) {
      assert.equal(secret in (key ?? {}), false, secret);
    }
  });

  test("the claims are the certificate's: holder's hashed e-mail, dates and achievement", async () => {
    const { payload } = await verifyWithPublishedKeys(token);
    const credential = payload as JWTPayload & {
      type: string[];
      issuer: { id: string; name: string };
      validFrom: string;
      validUntil: string;
      credentialSubject: {
        identifier: { identityHash: string; identityType: string; hashed: boolean; salt: string }[];
        achievement: { id: string; name: string; type: string[] };
      };
    };
    assert.deepEqual(credential.type, ["VerifiableCredential", "OpenBadgeCredential"]);
    assert.equal(credential.issuer.id, payload.iss);
    assert.equal(credential.issuer.name, "Ready to Post");
    // The issuer's id is where anyone reads its profile.
    const served = await issuerLoader({
      request: new Request(credential.issuer.id),
      params: {},
      context: { clientAddress: "127.0.0.1", sessionId: null, user: null },
    });
    const profile = (await served.json()) as { id: string; type: string[]; name: string };
    assert.equal(new URL(credential.issuer.id).pathname, "/issuer");
    assert.deepEqual(
      [profile.id, profile.type, profile.name],
      [credential.issuer.id, ["Profile"], "Ready to Post"],
    );
    assert.equal(credential.validFrom, issuedAt.toISOString());
    assert.equal(credential.validUntil, expiresAt.toISOString());
    assert.equal(payload.nbf, Math.floor(issuedAt.getTime() / 1000));
    assert.equal(payload.exp, Math.floor(expiresAt.getTime() / 1000));
    const [identity] = credential.credentialSubject.identifier;
    assert.equal(identity?.identityType, "emailAddress");
    assert.equal(identity?.hashed, true);
    const expected = createHash("sha256")
      .update(holder.email.toLowerCase() + identity?.salt)
      .digest("hex");
    assert.equal(identity?.identityHash, `sha256$${expected}`);
    assert.equal(JSON.stringify(payload).includes(holder.email), false, "the e-mail is hashed");
    assert.equal(JSON.stringify(payload).includes(holder.name), false, "the name is left out");
    const { achievement } = credential.credentialSubject;
    assert.equal(achievement.id, appLink(`/certification/${programmeId}`));
    assert.deepEqual(achievement.type, ["Achievement"]);
    assert.match(achievement.name, /\S/);
  });

  test("a changed payload fails verification", async () => {
    const changes: ((claims: Record<string, unknown>) => void)[] = [
      (claims) => {
        claims.exp = (claims.exp as number) + 365 * 86_400;
        claims.validUntil = new Date(expiresAt.getTime() + 365 * day).toISOString();
      },
      (claims) => {
        const subject = claims.credentialSubject as { identifier: { identityHash: string }[] };
        (subject.identifier[0] as { identityHash: string }).identityHash = "sha256$0000";
      },
      (claims) => {
        const subject = claims.credentialSubject as { achievement: { name: string } };
        subject.achievement.name = "Chief Executive";
      },
    ];
    for (const change of changes) {
      await assert.rejects(verifyWithPublishedKeys(tampered(token, change)), {
        code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
      });
    }
  });

  test("a token signed by another key under our kid fails verification", async () => {
    const { payload } = await verifyWithPublishedKeys(token);
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = await new SignJWT(payload)
      .setProtectedHeader({ ...decodeProtectedHeader(token), alg: "RS256" })
      .sign(privateKey);
    await assert.rejects(verifyWithPublishedKeys(forged), {
      code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    });
  });

  test("outside production the key is made once and kept in the database", async () => {
    const [kept] = await db
      .select({ value: certificationSettings.value })
      .from(certificationSettings)
      .where(eq(certificationSettings.key, "credential-signing-key"));
    assert.ok(kept, "a key is kept");
    const keptPublic = await exportJWK(createPublicKey(createPrivateKey(kept.value)));
    const [published] = (await publishedKeys()).keys;
    assert.equal(published?.n, keptPublic.n);
    // A second download is signed with the same key.
    const again = await (await download(holder)).text();
    assert.equal(decodeProtectedHeader(again).kid, published?.kid);
  });

  test("a revoked or expired certificate gets no signed badge; no certificate, nothing", async () => {
    const revoked = await holderOf({ code: "REVK-REVK-REVK-REVK-REVK", revokedAt: new Date() });
    const expired = await holderOf({
      code: "EXPD-EXPD-EXPD-EXPD-EXPD",
      expiresAt: new Date(Date.now() - day),
    });
    for (const person of [revoked, expired]) {
      const response = await download(person);
      assert.equal(response.status, 302);
      assert.equal(response.headers.get("Location"), `/certification/${programmeId}?unsigned=1`);
    }
    const response = await download(await createPerson(db));
    assert.equal(response.status, 302);
    assert.equal(response.headers.get("Location"), `/certification/${programmeId}?missing=1`);
  });
});
