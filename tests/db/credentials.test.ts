import "./memory-by-default";
import assert from "node:assert/strict";
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import type { AppLoadContext } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
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
import { sessionUserOf } from "../../app/auth/session.server";
import { revokeCertificate } from "../../app/certification/certificates.server";
import { appLink } from "../../app/mail.server";
import { loader as publicKeysLoader } from "../../app/routes/[.well-known].jwks[.json]";
import { loader as signedBadgeLoader } from "../../app/routes/certification.$programme.signed-badge";
import { loader as statusListLoader } from "../../app/routes/credentials.status.$list";
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
  user: sessionUserOf(person),
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

// Revocation status (decision 066): the badge names a place in a published Bitstring Status
// List; a verifier fetches the list, checks its signature with the same published key, expands
// it and reads the bit. Expanded here with node's own zlib, not the library that wrote it.

/** The specification's minimum list length, for herd privacy. */
const minimumEntries = 131_072;

interface StatusEntry {
  id: string;
  type: string;
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
}

/** GET a status list as anyone: the response, or the error the loader throws. */
async function statusList(list: string): Promise<Response> {
  try {
    return await statusListLoader({
      request: new Request(`http://localhost/credentials/status/${list}`),
      params: { list },
      context: { clientAddress: "127.0.0.1", sessionId: null, user: null },
    });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** The badge's status entry, from a download verified with the published keys. */
async function statusEntryOf(token: string): Promise<StatusEntry> {
  const { payload } = await verifyWithPublishedKeys(token);
  return (payload as JWTPayload & { credentialStatus: StatusEntry }).credentialStatus;
}

/** The list a status entry names, fetched and verified as a verifier would: its bits. */
async function bitsOf(entry: StatusEntry): Promise<Buffer> {
  const list = new URL(entry.statusListCredential).pathname.split("/").pop() as string;
  const response = await statusList(list);
  assert.equal(response.status, 200);
  const { payload, protectedHeader } = await verifyWithPublishedKeys(await response.text());
  const credential = payload as JWTPayload & {
    id: string;
    type: string[];
    validFrom: string;
    validUntil: string;
    credentialSubject: { id: string; type: string; statusPurpose: string; encodedList: string };
  };
  assert.equal(protectedHeader.alg, "RS256");
  assert.deepEqual(credential.type, ["VerifiableCredential", "BitstringStatusListCredential"]);
  assert.equal(credential.id, entry.statusListCredential);
  assert.equal(payload.jti, entry.statusListCredential);
  assert.equal(credential.credentialSubject.type, "BitstringStatusList");
  assert.equal(credential.credentialSubject.statusPurpose, entry.statusPurpose);
  assert.ok(Date.parse(credential.validFrom) <= Date.now());
  assert.ok(Date.parse(credential.validUntil) > Date.now());
  // Multibase base64url ("u" prefix, no padding) of the GZIP-compressed bitstring.
  const { encodedList } = credential.credentialSubject;
  assert.match(encodedList, /^u[A-Za-z0-9_-]+$/);
  return gunzipSync(Buffer.from(encodedList.slice(1), "base64url"));
}

/** Bit `place`, counted from the left-most bit of the first byte, as the specification says. */
const bitAt = (bits: Buffer, place: number) => ((bits[place >> 3] ?? 0) >> (7 - (place % 8))) & 1;

function placesSet(bits: Buffer): number[] {
  const places: number[] = [];
  for (let place = 0; place < bits.length * 8; place++) {
    if (bitAt(bits, place) === 1) places.push(place);
  }
  return places;
}

/** The places of the revoked certificates in a list, from the database. */
async function revokedPlaces(list: number): Promise<number[]> {
  const rows = await db
    .select({ index: certificates.statusListIndex, revokedAt: certificates.revokedAt })
    .from(certificates);
  return rows
    .filter((row) => row.revokedAt && Math.floor(row.index / minimumEntries) + 1 === list)
    .map((row) => row.index % minimumEntries)
    .sort((a, b) => a - b);
}

async function certificateOf(fields: { code: string }) {
  const [certificate] = await db
    .select()
    .from(certificates)
    .where(eq(certificates.code, fields.code));
  assert.ok(certificate);
  return certificate;
}

describe("revocation status of signed badges", () => {
  let admin: Person;

  before(async () => {
    admin = await createPerson(db, { role: "admin" });
  });

  const revoke = async (code: string) => {
    const certificate = await certificateOf({ code });
    const actor = { id: admin.id, role: admin.role, departmentId: admin.departmentId };
    assert.deepEqual(await revokeCertificate(actor, certificate.id, "Shared the password"), {
      ok: true,
    });
  };

  test("the badge names its place in a signed list; revoking sets that bit and no other", async () => {
    const codes = [
      "STAT-AAAA-AAAA-AAAA-AAAA",
      "STAT-BBBB-BBBB-BBBB-BBBB",
      "STAT-CCCC-CCCC-CCCC-CCCC",
    ];
    const holders = [];
    for (const code of codes) holders.push(await holderOf({ code }));
    const entries: StatusEntry[] = [];
    for (const holder of holders) {
      const response = await download(holder);
      assert.equal(response.status, 200);
      entries.push(await statusEntryOf(await response.text()));
    }
    const [entry] = entries as [StatusEntry];
    assert.equal(entry.type, "BitstringStatusListEntry");
    assert.equal(entry.statusPurpose, "revocation");
    assert.match(entry.statusListIndex, /^(0|[1-9][0-9]*)$/);
    assert.equal(entry.statusListCredential, appLink("/credentials/status/1"));
    assert.equal(entry.id, `${entry.statusListCredential}#${entry.statusListIndex}`);
    assert.equal(
      Number(entry.statusListIndex),
      (await certificateOf({ code: codes[0] as string })).statusListIndex,
    );
    const places = entries.map((each) => Number(each.statusListIndex));
    assert.equal(new Set(places).size, codes.length, "each certificate has a place of its own");

    const response = await statusList("1");
    assert.equal(response.headers.get("Content-Type"), "application/jwt");
    assert.equal(response.headers.get("Cache-Control"), "public, max-age=300");
    assert.equal(response.headers.get("Access-Control-Allow-Origin"), "*");

    const before = await bitsOf(entry);
    assert.ok(before.length * 8 >= minimumEntries, "at least 131,072 entries");
    for (const place of places) assert.equal(bitAt(before, place), 0);
    assert.deepEqual(placesSet(before), await revokedPlaces(1));

    await revoke(codes[0] as string);
    const after = await bitsOf(entry);
    assert.equal(after.length, before.length);
    assert.equal(bitAt(after, places[0] as number), 1, "the revoked badge's bit is set");
    assert.equal(bitAt(after, places[1] as number), 0);
    assert.equal(bitAt(after, places[2] as number), 0);
    // Every revoked certificate's bit, and nothing else.
    assert.deepEqual(placesSet(after), await revokedPlaces(1));
    assert.deepEqual(
      placesSet(after).filter((place) => !placesSet(before).includes(place)),
      [places[0]],
    );
  });

  test("places are unique, spread over the list and not in issue order", async () => {
    const person = await createPerson(db);
    const award = async (n: number) => {
      const [row] = await db
        .insert(certificates)
        .values({
          userId: person.id,
          programmeId,
          programmeTitle: "Social media access for staff",
          programmeHash: "hash-of-programme",
          code: `MANY-${n}`,
          issuedAt: new Date(issuedAt.getTime() + n * 1000),
          expiresAt,
          evidence: [],
        })
        .returning({ index: certificates.statusListIndex });
      return row?.index as number;
    };
    const inIssueOrder: number[] = [];
    for (let n = 0; n < 200; n++) inIssueOrder.push(await award(n));
    // Awarded at once, over several connections on PostgreSQL: still one place each.
    await Promise.all(Array.from({ length: 100 }, (_, n) => award(200 + n)));

    const every = await db.select({ index: certificates.statusListIndex }).from(certificates);
    assert.equal(new Set(every.map((row) => row.index)).size, every.length);
    for (const index of inIssueOrder) assert.ok(index >= 0 && index < minimumEntries, `${index}`);
    const sorted = [...inIssueOrder].sort((a, b) => a - b);
    assert.notDeepEqual(inIssueOrder, sorted, "the order of places is not the order of issue");
    assert.ok((sorted.at(-1) as number) - (sorted[0] as number) > minimumEntries / 2);
  });

  test("a list number that is not one is a 404; an unused list is all zeros", async () => {
    for (const list of ["0", "01", "-1", "one", "1.5", "16385", "99999999999999999999"]) {
      assert.equal((await statusList(list)).status, 404, list);
    }
    const unused = await statusList("16384");
    assert.equal(unused.status, 200);
    const bits = await bitsOf({
      id: appLink("/credentials/status/16384#0"),
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "0",
      statusListCredential: appLink("/credentials/status/16384"),
    });
    assert.equal(bits.length * 8, minimumEntries);
    assert.deepEqual(placesSet(bits), []);
  });

  // Last: it fills the first list.
  test("once the first list is full, new certificates go in the second", async () => {
    const person = await createPerson(db);
    await db.transaction(async (tx) => {
      // Bulk-filled without the dashboard trigger, which would otherwise run once per row.
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`
        insert into certificates (user_id, programme_id, programme_title, programme_hash, code,
          issued_at, expires_at, evidence, status_list_index)
        select ${person.id}, ${programmeId}, 'Filler', 'hash', 'FILL-' || place,
          ${issuedAt.toISOString()}, ${expiresAt.toISOString()}, '[]'::jsonb, place
        from generate_series(0, ${minimumEntries - 1}) as place
        where not exists (select 1 from certificates where status_list_index = place)`);
    });
    const code = "NEXT-LIST-NEXT-LIST-NEXT";
    const holder = await holderOf({ code });
    const entry = await statusEntryOf(await (await download(holder)).text());
    assert.equal(entry.statusListCredential, appLink("/credentials/status/2"));
    assert.equal(
      Number(entry.statusListIndex),
      (await certificateOf({ code })).statusListIndex - minimumEntries,
    );
    assert.deepEqual(placesSet(await bitsOf(entry)), []);
    await revoke(code);
    assert.deepEqual(placesSet(await bitsOf(entry)), [Number(entry.statusListIndex)]);
    assert.deepEqual(
      placesSet(await bitsOf({ ...entry, statusListCredential: appLink("/credentials/status/1") })),
      await revokedPlaces(1),
    );
  });
});
