// @digitalbazaar/bitstring ships no types: these are the parts status-list.server.ts uses.
declare module "@digitalbazaar/bitstring" {
  export class Bitstring {
    /** `length` bits, all 0; bit 0 is the left-most bit of the first byte. */
    constructor(options: { length: number });
    set(position: number, on: boolean): void;
    /** The bytes GZIP compressed and base64url encoded (no padding, no multibase prefix). */
    encodeBits(): Promise<string>;
  }
}
