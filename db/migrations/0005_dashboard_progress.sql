ALTER TABLE "certification_progress" ADD COLUMN "certificate_id" uuid;--> statement-breakpoint
ALTER TABLE "certification_progress" ADD COLUMN "certificate_issued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "certification_progress" ADD COLUMN "certificate_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "certification_progress" ADD COLUMN "certificate_revoked_at" timestamp with time zone;--> statement-breakpoint
-- Each person's newest certificate per programme, copied onto certification_progress so the
-- dashboard reads one row per person (decision 062). A trigger, so that every write to
-- certificates (award, renewal, revocation, or any other) keeps the copy right in the same
-- transaction. The copy is the newest certificate by issue time, as in lifecycle.ts.
CREATE FUNCTION "certification_progress_newest_certificate"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed "certificates";
BEGIN
  IF TG_OP = 'DELETE' THEN
    changed := OLD;
  ELSE
    changed := NEW;
  END IF;
  INSERT INTO "certification_progress" AS "progress" ("user_id", "programme_id", "done", "total",
    "certificate_id", "certificate_issued_at", "certificate_expires_at", "certificate_revoked_at")
  SELECT changed."user_id", changed."programme_id", 0, 0,
    "newest"."id", "newest"."issued_at", "newest"."expires_at", "newest"."revoked_at"
  FROM (SELECT 1) AS "one"
  LEFT JOIN LATERAL (
    SELECT "id", "issued_at", "expires_at", "revoked_at" FROM "certificates"
    WHERE "user_id" = changed."user_id" AND "programme_id" = changed."programme_id"
    ORDER BY "issued_at" DESC, "id" DESC LIMIT 1
  ) AS "newest" ON true
  ON CONFLICT ("user_id", "programme_id") DO UPDATE SET
    "certificate_id" = excluded."certificate_id",
    "certificate_issued_at" = excluded."certificate_issued_at",
    "certificate_expires_at" = excluded."certificate_expires_at",
    "certificate_revoked_at" = excluded."certificate_revoked_at",
    "updated_at" = now()
  -- A transaction committed meanwhile may have stored a newer certificate that this one's
  -- query could not see: that one stays.
  WHERE "progress"."certificate_id" IS NULL
    OR "progress"."certificate_id" IN (changed."id", excluded."certificate_id")
    OR "progress"."certificate_issued_at" <= excluded."certificate_issued_at";
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "certificates_newest_on_progress"
  AFTER INSERT OR DELETE OR UPDATE OF "issued_at", "expires_at", "revoked_at" ON "certificates"
  FOR EACH ROW EXECUTE FUNCTION "certification_progress_newest_certificate"();
--> statement-breakpoint
-- Certificates awarded before this migration.
INSERT INTO "certification_progress" AS "progress" ("user_id", "programme_id", "done", "total",
  "certificate_id", "certificate_issued_at", "certificate_expires_at", "certificate_revoked_at")
SELECT DISTINCT ON ("user_id", "programme_id") "user_id", "programme_id", 0, 0,
  "id", "issued_at", "expires_at", "revoked_at"
FROM "certificates"
ORDER BY "user_id", "programme_id", "issued_at" DESC, "id" DESC
ON CONFLICT ("user_id", "programme_id") DO UPDATE SET
  "certificate_id" = excluded."certificate_id",
  "certificate_issued_at" = excluded."certificate_issued_at",
  "certificate_expires_at" = excluded."certificate_expires_at",
  "certificate_revoked_at" = excluded."certificate_revoked_at";
