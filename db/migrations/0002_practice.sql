CREATE TYPE "public"."run_mode" AS ENUM('practice', 'assessed', 'playtest');--> statement-breakpoint
CREATE TYPE "public"."run_status" AS ENUM('running', 'passed', 'failed', 'awaiting-trainer');--> statement-breakpoint
CREATE TYPE "public"."scenario_source" AS ENUM('built-in', 'authored');--> statement-breakpoint
CREATE TYPE "public"."scenario_status" AS ENUM('draft', 'published', 'archived');--> statement-breakpoint
CREATE TABLE "run_actions" (
	"run_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"at_ms" integer NOT NULL,
	"action" jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "run_actions_run_id_seq_pk" PRIMARY KEY("run_id","seq")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"scenario_version_id" uuid NOT NULL,
	"scenario_id" text NOT NULL,
	"mode" "run_mode" NOT NULL,
	"seed" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"clock_offset_ms" bigint DEFAULT 0 NOT NULL,
	"clock_running_since" timestamp with time zone,
	"status" "run_status" DEFAULT 'running' NOT NULL,
	"outcome_id" text,
	"score" integer,
	"max_score" integer,
	"pass_mark" integer,
	"ended_at" timestamp with time zone,
	"action_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scenario_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scenario_id" text NOT NULL,
	"number" integer NOT NULL,
	"hash" text NOT NULL,
	"source" text NOT NULL,
	"document" jsonb NOT NULL,
	"title" text NOT NULL,
	"level" text NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scenarios" (
	"id" text PRIMARY KEY NOT NULL,
	"source" "scenario_source" NOT NULL,
	"status" "scenario_status" NOT NULL,
	"current_version_id" uuid,
	"forked_from_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trainer_grades" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"action_index" integer NOT NULL,
	"rubric_item" text NOT NULL,
	"meets" boolean NOT NULL,
	"points" integer NOT NULL,
	"feedback" text NOT NULL,
	"graded_by" text NOT NULL,
	"graded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "run_actions" ADD CONSTRAINT "run_actions_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_scenario_version_id_scenario_versions_id_fk" FOREIGN KEY ("scenario_version_id") REFERENCES "public"."scenario_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_scenario_id_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."scenarios"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_versions" ADD CONSTRAINT "scenario_versions_scenario_id_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."scenarios"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_versions" ADD CONSTRAINT "scenario_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenarios" ADD CONSTRAINT "scenarios_current_version_id_scenario_versions_id_fk" FOREIGN KEY ("current_version_id") REFERENCES "public"."scenario_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenarios" ADD CONSTRAINT "scenarios_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainer_grades" ADD CONSTRAINT "trainer_grades_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainer_grades" ADD CONSTRAINT "trainer_grades_graded_by_users_id_fk" FOREIGN KEY ("graded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "runs_user_idx" ON "runs" USING btree ("user_id","scenario_id");--> statement-breakpoint
CREATE INDEX "runs_scenario_version_idx" ON "runs" USING btree ("scenario_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scenario_versions_number_unique" ON "scenario_versions" USING btree ("scenario_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "scenario_versions_hash_unique" ON "scenario_versions" USING btree ("scenario_id","hash");--> statement-breakpoint
CREATE UNIQUE INDEX "trainer_grades_unique" ON "trainer_grades" USING btree ("run_id","action_index","rubric_item");