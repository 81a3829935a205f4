// The issuer's signing key for Open Badges credentials and the public half everyone checks them
// with (docs/decisions/063). Production takes the key from CREDENTIAL_SIGNING_KEY; elsewhere the
// first request makes one and keeps it in the database, so restarts do not orphan credentials.
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { calculateJwkThumbprint, exportJWK, type JWK, SignJWT } from "jose";
import { certificationSettings } from "../../db/schema";
import { db } from "../db.server";
import { env } from "../env.server";
import { appLink } from "../mail.server";

/** RS256: the one algorithm the Open Badges 3.0 JWT proof format requires verifiers to support. */
const algorithm = "RS256";
const keptKeySetting = "credential-signing-key";
const publicKeysPath = "/.well-known/jwks.json";

interface SigningKey {
  privateKey: KeyObject;
  /** The public key as published, its `kid` the URL it is published at plus its thumbprint. */
  publicJwk: JWK & { kid: string };
}

let loading: Promise<SigningKey> | undefined;

function signingKey(): Promise<SigningKey> {
  loading ??= loadSigningKey().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function loadSigningKey(): Promise<SigningKey> {
  const privateKey = env.CREDENTIAL_SIGNING_KEY ?? (await keptKey());
  const jwk = await exportJWK(createPublicKey(privateKey));
  const kid = `${appLink(publicKeysPath)}#${await calculateJwkThumbprint(jwk)}`;
  return { privateKey, publicJwk: { ...jwk, kid, alg: algorithm, use: "sig" } };
}

/** The key kept in the database, made on first use; concurrent first uses agree on one. */
async function keptKey(): Promise<KeyObject> {
  const read = async () =>
    (
      await db
        .select({ value: certificationSettings.value })
        .from(certificationSettings)
        .where(eq(certificationSettings.key, keptKeySetting))
    )[0]?.value;
  let pem = await read();
  if (!pem) {
    const { privateKey } = await promisify(generateKeyPair)("rsa", { modulusLength: 2048 });
    await db
      .insert(certificationSettings)
      .values({
        key: keptKeySetting,
        value: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      })
      .onConflictDoNothing();
    pem = await read();
  }
  if (!pem) throw new Error("The credential signing key could not be kept in the database");
  return createPrivateKey(pem);
}

/** What /.well-known/jwks.json serves: the public key, never the private parts. */
export async function publishedKeys(): Promise<{ keys: JWK[] }> {
  return { keys: [(await signingKey()).publicJwk] };
}

type SignableCredential = {
  id: string;
  issuer: { id: string };
  validFrom: string;
  validUntil: string;
};

/**
 * An Open Badges credential signed in the OB 3.0 JSON Web Token proof format: the credential is
 * the payload, its id, issuer and dates repeated as the registered claims verifiers check.
 */
export async function signCredential(credential: SignableCredential): Promise<string> {
  const { privateKey, publicJwk } = await signingKey();
  const seconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
  return new SignJWT(credential)
    .setProtectedHeader({ alg: algorithm, kid: publicJwk.kid, typ: "JWT" })
    .setIssuer(credential.issuer.id)
    .setJti(credential.id)
    .setNotBefore(seconds(credential.validFrom))
    .setExpirationTime(seconds(credential.validUntil))
    .sign(privateKey);
}
