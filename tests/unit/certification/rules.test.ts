import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { newVerificationCode, normaliseCode } from "../../../app/certification/code.server";
import { safeCell } from "../../../app/certification/csv";
import {
  expectedHandle,
  handleProblem,
  handleRuleProblem,
} from "../../../app/certification/handle";
import { addMonths, certificateStatus, remindersDue } from "../../../app/certification/status";

const expiresAt = new Date("2027-05-03T10:00:00Z");
const at = (iso: string) => new Date(iso);
const certificate = { issuedAt: new Date("2026-05-03T10:00:00Z"), expiresAt, revokedAt: null };

describe("certificate status", () => {
  test("valid before the window, expiring inside it, expired from the instant of expiry", () => {
    assert.equal(certificateStatus(certificate, 60, at("2027-03-04T09:59:59Z")), "valid");
    assert.equal(certificateStatus(certificate, 60, at("2027-03-04T10:00:00Z")), "expiring");
    assert.equal(certificateStatus(certificate, 60, at("2027-05-02T12:00:00Z")), "expiring");
    assert.equal(certificateStatus(certificate, 60, at("2027-05-03T09:59:59Z")), "expiring");
    assert.equal(certificateStatus(certificate, 60, at("2027-05-03T10:00:00Z")), "expired");
    assert.equal(certificateStatus(certificate, 60, at("2027-05-04T10:00:00Z")), "expired");
  });

  test("revoked wins over everything", () => {
    const revoked = { ...certificate, revokedAt: at("2026-06-01T00:00:00Z") };
    assert.equal(certificateStatus(revoked, 60, at("2026-07-01T00:00:00Z")), "revoked");
  });

  test("calendar months, the last day of a short month", () => {
    assert.equal(
      addMonths(at("2026-01-31T09:00:00Z"), 1).toISOString(),
      "2026-02-28T09:00:00.000Z",
    );
    assert.equal(
      addMonths(at("2027-02-28T09:00:00Z"), 12).toISOString(),
      "2028-02-28T09:00:00.000Z",
    );
    assert.equal(
      addMonths(at("2026-05-03T10:00:00Z"), 12).toISOString(),
      "2027-05-03T10:00:00.000Z",
    );
  });

  test("reminders due by a date", () => {
    assert.deepEqual(remindersDue(expiresAt, [60, 30, 7], at("2027-03-01T00:00:00Z")), []);
    assert.deepEqual(remindersDue(expiresAt, [60, 30, 7], at("2027-04-10T00:00:00Z")), [60, 30]);
    assert.deepEqual(remindersDue(expiresAt, [60, 30, 7], at("2027-05-04T00:00:00Z")), []);
  });
});

describe("handles", () => {
  test("the default rule: name + DemoCouncil, any letter case", () => {
    assert.equal(expectedHandle("{name}DemoCouncil", "Jane Smith"), "@JaneSmithDemoCouncil");
    assert.equal(
      expectedHandle("{name}DemoCouncil", "Siân O'Neill-Jones"),
      "@SianOneillJonesDemoCouncil",
    );
    assert.equal(handleProblem("{name}DemoCouncil", "Jane Smith", "janesmithdemocouncil"), null);
    assert.equal(
      handleProblem("{name}DemoCouncil", "Jane Smith", "@JaneS"),
      'Handles follow the rule "{name}DemoCouncil", so yours must be @JaneSmithDemoCouncil',
    );
  });

  test("a rule must name its holder and use only handle characters", () => {
    assert.match(handleRuleProblem("DemoCouncil") ?? "", /must include/);
    assert.match(handleRuleProblem("{name}Demo Council") ?? "", /letters, digits and _/);
    assert.match(handleRuleProblem("{nick}{name}") ?? "", /only the placeholders/);
    assert.equal(handleRuleProblem("{first}{last}_DC"), null);
  });
});

test("CSV cells that could run as formulas get a leading quote", () => {
  for (const risky of ["=1+1", "+44 1234", "-2", "@SUM(A1)", "\tx", "\rx"]) {
    assert.equal(safeCell(risky), `'${risky}`);
  }
  assert.equal(safeCell("Jane Smith"), "Jane Smith");
  assert.equal(safeCell(62), "62");
  assert.equal(safeCell(null), "");
});

test("verification codes are random, readable, and forgiving to type", () => {
  const codes = new Set(Array.from({ length: 1000 }, newVerificationCode));
  assert.equal(codes.size, 1000);
  for (const code of codes)
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
  assert.equal(normaliseCode("abcd efgh jkmn pqrs tvwx"), "ABCD-EFGH-JKMN-PQRS-TVWX");
  assert.equal(normaliseCode("ABCD-EFGH-JKMN-PQRS-TVWO"), "ABCD-EFGH-JKMN-PQRS-TVW0");
  assert.equal(normaliseCode("too-short"), null);
});
