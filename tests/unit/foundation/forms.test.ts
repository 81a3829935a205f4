import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { signInForm } from "~/auth/sign-in-form";
import { parseForm } from "~/forms";

function form(fields: Record<string, string | File>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe("parseForm with the sign-in form", () => {
  test("a filled-in form gives the email trimmed, the password as typed and the way back", () => {
    const result = parseForm(
      signInForm,
      form({
        email: "  jo.bloggs@council.gov.uk ",
        password: "  spaces count  ",
        redirectTo: "/admin/people",
      }),
    );
    assert.deepEqual(result, {
      ok: true,
      data: {
        email: "jo.bloggs@council.gov.uk",
        password: "  spaces count  ",
        redirectTo: "/admin/people",
      },
    });
  });

  test("the way back is optional", () => {
    const result = parseForm(signInForm, form({ email: "jo@council.gov.uk", password: "x" }));
    assert.ok(result.ok);
    assert.equal(result.data.redirectTo, undefined);
  });

  test("an empty form asks for both fields, one message each", () => {
    const result = parseForm(signInForm, form({ email: "", password: "" }));
    assert.deepEqual(result, {
      ok: false,
      errors: { email: "Enter your email address", password: "Enter your password" },
    });
  });

  test("an email of spaces counts as empty", () => {
    const result = parseForm(signInForm, form({ email: "   ", password: "x" }));
    assert.deepEqual(result, { ok: false, errors: { email: "Enter your email address" } });
  });

  test("an email in the wrong format says what the right format looks like", () => {
    for (const email of ["jo", "jo@", "@council.gov.uk", "jo at council.gov.uk"]) {
      const result = parseForm(signInForm, form({ email, password: "x" }));
      assert.ok(!result.ok, email);
      assert.match(result.errors.email ?? "", /right format/, email);
      assert.equal(result.errors.password, undefined);
    }
  });

  test("over-long values are refused with their limits", () => {
    const longEmail = `${"a".repeat(250)}@x.gov.uk`;
    const result = parseForm(signInForm, form({ email: longEmail, password: "p".repeat(1001) }));
    assert.ok(!result.ok);
    assert.match(result.errors.email ?? "", /254/);
    assert.match(result.errors.password ?? "", /1,000/);
    assert.ok(parseForm(signInForm, form({ email: "jo@x.gov.uk", password: "p".repeat(1000) })).ok);
  });

  test("a missing field or a file in place of text is an error on that field", () => {
    const missing = parseForm(signInForm, form({ password: "x" }));
    assert.ok(!missing.ok);
    assert.deepEqual(Object.keys(missing.errors), ["email"]);
    const upload = parseForm(
      signInForm,
      form({ email: new File(["jo@x.gov.uk"], "email.txt"), password: "x" }),
    );
    assert.ok(!upload.ok);
    assert.deepEqual(Object.keys(upload.errors), ["email"]);
  });

  test("fields the form does not know are dropped", () => {
    const result = parseForm(
      signInForm,
      form({ email: "jo@x.gov.uk", password: "x", role: "admin" }),
    );
    assert.ok(result.ok);
    assert.equal("role" in result.data, false);
  });
});
