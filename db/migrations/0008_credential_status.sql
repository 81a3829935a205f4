-- Each certificate's place in the published revocation status lists (decision 066). The
-- database picks it on insert, whoever inserts, at random within a list, so a place says
-- nothing about when or in what order certificates were issued. Lists hold 131,072 places
-- each, the Bitstring Status List minimum. A sequence sends each run of 65,536 certificates
-- to the next list, so a list is never more than half full and a random place is free at the
-- first or second try, with no counting; a list found full (64 taken places in a row) is
-- passed over. One insert picks at a time (a lock held to the end of its transaction), so
-- two awards at once cannot pick the same place.
CREATE SEQUENCE "certificate_status_slots";
--> statement-breakpoint
CREATE FUNCTION "next_status_list_index"() RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  list_length constant integer := 131072;
  list_start integer := ((nextval('certificate_status_slots') - 1) / (list_length / 2))::integer * list_length;
  candidate integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('certificates.status_list_index'));
  LOOP
    FOR attempt IN 1..64 LOOP
      candidate := list_start + floor(random() * list_length)::integer;
      IF NOT EXISTS (SELECT 1 FROM "certificates" WHERE "status_list_index" = candidate) THEN
        RETURN candidate;
      END IF;
    END LOOP;
    list_start := list_start + list_length;
  END LOOP;
END
$$;
--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "status_list_index" integer;--> statement-breakpoint
-- The index first, so each place the backfill picks is checked by index, not by a scan.
CREATE UNIQUE INDEX "certificates_status_list_index_unique" ON "certificates" USING btree ("status_list_index");--> statement-breakpoint
-- Certificates awarded before this migration, one at a time so each sees the places taken.
DO $$
DECLARE
  certificate uuid;
BEGIN
  FOR certificate IN SELECT "id" FROM "certificates" LOOP
    UPDATE "certificates" SET "status_list_index" = "next_status_list_index"()
    WHERE "id" = certificate;
  END LOOP;
END
$$;
--> statement-breakpoint
ALTER TABLE "certificates" ALTER COLUMN "status_list_index" SET DEFAULT "next_status_list_index"();--> statement-breakpoint
ALTER TABLE "certificates" ALTER COLUMN "status_list_index" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "certificates_revoked_status_idx" ON "certificates" USING btree ("status_list_index") WHERE revoked_at is not null;
