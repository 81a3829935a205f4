import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isSameOriginRequest } from "~/auth/origin";

const host = "council.example:3000";

describe("isSameOriginRequest", () => {
  for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
    test(`lets a ${method} through without an Origin header`, () => {
      assert.equal(isSameOriginRequest(method, { host }), true);
      assert.equal(isSameOriginRequest(method, { origin: "https://evil.com", host }), true);
    });
  }

  for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
    test(`refuses a ${method} without an Origin header`, () => {
      assert.equal(isSameOriginRequest(method, { host }), false);
      assert.equal(isSameOriginRequest(method, { origin: null, host }), false);
      assert.equal(isSameOriginRequest(method, { origin: "", host }), false);
    });

    test(`refuses a ${method} from another site`, () => {
      for (const origin of [
        "https://evil.com",
        "http://council.example:3001",
        "http://council.example",
        "http://evil.council.example:3000",
        "http://council.example:3000.evil.com",
        "null",
      ]) {
        assert.equal(isSameOriginRequest(method, { origin, host }), false, origin);
      }
    });

    test(`accepts a ${method} from this site`, () => {
      assert.equal(
        isSameOriginRequest(method, { origin: "http://council.example:3000", host }),
        true,
      );
      assert.equal(
        isSameOriginRequest(method, { origin: "https://council.example:3000", host }),
        true,
      );
    });
  }

  test("refuses a POST when the request names no host to compare with", () => {
    assert.equal(isSameOriginRequest("POST", { origin: "http://council.example:3000" }), false);
    assert.equal(
      isSameOriginRequest("POST", { origin: "http://council.example:3000", host: null }),
      false,
    );
  });
});
