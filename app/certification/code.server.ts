// Verification codes: 20 characters of Crockford base32 from 100 random bits, shown in groups
// of four (ABCD-EFGH-...). Unguessable, easy to read aloud, and free of I, L, O and U.
import { randomBytes } from "node:crypto";

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function newVerificationCode(): string {
  const bytes = randomBytes(13); // 104 bits; 100 are used
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = "";
  for (let i = 0; i < 20; i++) {
    code += alphabet[Number(bits & 31n)];
    bits >>= 5n;
  }
  return code.match(/.{4}/g)?.join("-") ?? code;
}

/**
 * A code as typed by a person: any case, with or without dashes or spaces, and with the
 * letters people confuse with digits read as those digits. Null when it cannot be a code.
 */
export function normaliseCode(input: string): string | null {
  const plain = input.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  if (!/^[0-9A-HJKMNP-TV-Z]{20}$/.test(plain)) return null;
  return plain.match(/.{4}/g)?.join("-") ?? null;
}
