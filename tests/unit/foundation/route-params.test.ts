import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { requireParams } from "~/route-params.server";

const isNotFound = (thrown: unknown) => thrown instanceof Response && thrown.status === 404;

describe("requireParams", () => {
  test("returns parameters in the expected shapes", () => {
    assert.deepEqual(
      requireParams(
        { course: "staff-social-media", attempt: "6a918bba-942e-4087-ad0c-e25b499251e2" },
        { course: "slug", attempt: "uuid" },
      ),
      { course: "staff-social-media", attempt: "6a918bba-942e-4087-ad0c-e25b499251e2" },
    );
  });

  for (const [name, value, shape] of [
    ["capitals", "Staff", "slug"],
    ["a slash", "a/b", "slug"],
    ["a leading hyphen", "-staff", "slug"],
    ["too long", "a".repeat(81), "slug"],
    ["not a UUID", "not-an-id", "uuid"],
    ["a UUID with a suffix", "6a918bba-942e-4087-ad0c-e25b499251e2x", "uuid"],
  ] as const) {
    test(`${name} is a 404, never a query`, () => {
      assert.throws(() => requireParams({ id: value }, { id: shape }), isNotFound);
    });
  }

  test("a missing parameter is a 404", () => {
    assert.throws(() => requireParams({}, { course: "slug" }), isNotFound);
  });
});
