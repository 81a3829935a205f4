import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { describe, test } from "node:test";
import { type Audience, mayEnter, routeAccess } from "~/access";
import { type Role, roles } from "~/roles";

describe("mayEnter", () => {
  test("anyone may enter a page for anyone, signed in or not", () => {
    for (const role of [...roles, null, undefined]) assert.equal(mayEnter(role, "anyone"), true);
  });

  test("a signed-in page lets in every role and keeps out the signed-out", () => {
    for (const role of roles) assert.equal(mayEnter(role, "signed-in"), true, role);
    assert.equal(mayEnter(null, "signed-in"), false);
    assert.equal(mayEnter(undefined, "signed-in"), false);
  });

  test("a page for some roles lets in those roles and admins only", () => {
    const audiences: [Audience, Role[]][] = [
      [["staff"], ["staff", "admin"]],
      [["trainer"], ["trainer", "admin"]],
      [["manager"], ["manager", "admin"]],
      [["admin"], ["admin"]],
      [
        ["trainer", "manager"],
        ["trainer", "manager", "admin"],
      ],
      [[], ["admin"]],
    ];
    for (const [audience, allowed] of audiences) {
      const entered = roles.filter((role) => mayEnter(role, audience));
      assert.deepEqual(entered, allowed, JSON.stringify(audience));
      assert.equal(mayEnter(null, audience), false);
    }
  });

  test("admin may enter every route in the app", () => {
    for (const [route, audience] of Object.entries(routeAccess)) {
      assert.equal(mayEnter("admin", audience), true, route);
    }
  });

  test("the people pages are for admins only", () => {
    for (const [route, audience] of Object.entries(routeAccess)) {
      if (!route.startsWith("routes/admin.")) continue;
      for (const role of roles) assert.equal(mayEnter(role, audience), role === "admin", route);
    }
  });

  test("every route file declares who may use it", () => {
    const files = readdirSync("app/routes").filter((file) => /\.tsx?$/.test(file));
    const undeclared = files
      .map((file) => `routes/${file.replace(/\.tsx?$/, "")}`)
      .filter((route) => !(route in routeAccess));
    assert.deepEqual(undeclared, []);
  });
});
