import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { safeRedirect } from "~/auth/safe-redirect";

const site = "https://council.example";

/** Where a browser would land if sent a Location header with this value. */
const landing = (location: string) => new URL(location, `${site}/login`);

describe("safeRedirect", () => {
  const goodPaths = [
    "/",
    "/admin/people",
    "/admin/people?q=jo&page=2",
    "/admin/people/3f1c?tab=history#audit",
    "/courses/staff-social-media/lessons/listening",
    "/search?q=%2F%2Fevil.com",
    "/login-help",
    `/${"a".repeat(1999)}`,
  ];
  for (const path of goodPaths) {
    test(`keeps a path on this site: ${path.slice(0, 60)}`, () => {
      assert.equal(safeRedirect(path), path);
    });
  }

  const attacks: [string, unknown][] = [
    ["protocol-relative", "//evil.com"],
    ["protocol-relative with path", "//evil.com/admin"],
    ["backslash after slash", "/\\evil.com"],
    ["backslashes only", "\\\\evil.com"],
    ["backslash later in the path", "/admin\\..\\\\evil.com"],
    ["absolute https", "https://evil.com"],
    ["absolute http to this very site", `${site}/admin`],
    ["scheme without slashes", "http:evil.com"],
    ["javascript URL", "javascript:alert(document.cookie)"],
    ["javascript URL in capitals", "JavaScript:alert(1)"],
    ["data URL", "data:text/html,<script>alert(1)</script>"],
    ["bare host", "evil.com"],
    ["relative path", "admin/people"],
    ["leading space", " /admin"],
    ["tab inside a protocol-relative URL", "/\t/evil.com"],
    ["newline inside a protocol-relative URL", "/\n/evil.com"],
    ["carriage return and line feed (header injection)", "/admin\r\nSet-Cookie: x=1"],
    ["null byte", "/admin\u0000"],
    ["sign-in page loop", "/login"],
    ["sign-in page loop with a query", "/login?redirectTo=%2Fadmin"],
    ["sign-in page loop with a hash", "/login#top"],
    ["sign-out", "/logout"],
    ["over-long", `/${"a".repeat(2000)}`],
    ["empty", ""],
    ["null", null],
    ["undefined", undefined],
    ["an uploaded file instead of text", new File(["/admin"], "redirect.txt")],
  ];
  for (const [name, target] of attacks) {
    test(`falls back for ${name}`, () => {
      assert.equal(safeRedirect(target as string), "/");
      assert.equal(safeRedirect(target as string, "/admin/people"), "/admin/people");
    });
  }

  // Dot segments are resolved by the URL parser: "/./" + "/evil.com" becomes "//evil.com".
  const dotSegmentAttacks = [
    "/.//evil.com",
    "/%2e//evil.com",
    "/%2E%2E//evil.com",
    "/admin/..//evil.com",
    "/./%2F/evil.com",
  ];
  for (const target of dotSegmentAttacks) {
    test(`never leaves the site through dot segments: ${target}`, () => {
      const result = safeRedirect(target);
      assert.equal(landing(result).origin, site, `${target} -> ${result} leaves the site`);
      assert.ok(!result.startsWith("//"), `${target} -> ${result} is protocol-relative`);
    });
  }

  test("every accepted path lands on this site and never back on sign-in", () => {
    for (const target of [...goodPaths, ...attacks.map(([, value]) => value as string)]) {
      const result = safeRedirect(target);
      assert.equal(landing(result).origin, site, String(target));
      assert.notEqual(landing(result).pathname, "/login", String(target));
    }
  });
});
