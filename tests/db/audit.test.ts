import "./memory-by-default";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

// The environment is read once at start-up, so the test clock is switched on before any app
// module loads.
process.env.TEST_CLOCK = "true";
const { advanceClock, now } = await import("../../app/clock.server");
const { auditTrail, recordAudit } = await import("../../app/audit.server");
const { createPerson } = await import("../../db/factories");
const { closeDatabase, db, prepareDatabase } = await import("./harness");

before(prepareDatabase);
after(closeDatabase);

describe("audit log", () => {
  test("an entry is stamped with the app's clock, so it lines up with a moved test clock", async () => {
    const person = await createPerson(db, { name: "Audited Person" });
    const moved = advanceClock(400 * 86_400_000);
    await recordAudit(db, {
      actorId: person.id,
      action: "certificate.expired",
      subject: { type: "user", id: person.id },
      details: { why: "Expired" },
    });
    const [entry] = await auditTrail({ type: "user", id: person.id });
    assert.ok(entry, "the entry is in the trail");
    const at = new Date(entry.at).getTime();
    assert.ok(
      at >= moved.getTime() && at <= now().getTime(),
      `stamped ${new Date(at).toISOString()}, clock at ${moved.toISOString()}`,
    );
    assert.equal(entry.actor, "Audited Person");
    assert.equal(entry.why, "Expired");
  });
});
