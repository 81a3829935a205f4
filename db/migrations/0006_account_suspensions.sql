ALTER TABLE "account_requests" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "account_requests" ADD COLUMN "suspended_by" text;--> statement-breakpoint
ALTER TABLE "account_requests" ADD COLUMN "suspension_reason" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "expiry_recorded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "account_requests" ADD CONSTRAINT "account_requests_suspended_by_users_id_fk" FOREIGN KEY ("suspended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;