ALTER TABLE "update_versions" RENAME TO "record_versions";--> statement-breakpoint
ALTER TABLE "updates" RENAME TO "records";--> statement-breakpoint
ALTER TABLE "record_versions" RENAME COLUMN "update_id" TO "record_id";--> statement-breakpoint
ALTER TABLE "reminders" RENAME COLUMN "source_update_id" TO "source_record_id";--> statement-breakpoint
ALTER TABLE "held_messages" DROP CONSTRAINT "held_messages_inbound_event_id_inbound_events_id_fk";
--> statement-breakpoint
ALTER TABLE "record_versions" DROP CONSTRAINT "update_versions_update_id_updates_id_fk";
--> statement-breakpoint
ALTER TABLE "records" DROP CONSTRAINT "updates_case_id_cases_id_fk";
--> statement-breakpoint
ALTER TABLE "records" DROP CONSTRAINT "updates_source_message_id_messages_id_fk";
--> statement-breakpoint
ALTER TABLE "records" DROP CONSTRAINT "updates_card_message_id_messages_id_fk";
--> statement-breakpoint
ALTER TABLE "reminders" DROP CONSTRAINT "reminders_source_update_id_updates_id_fk";
--> statement-breakpoint
DROP INDEX "update_versions_key";--> statement-breakpoint
DROP INDEX "updates_idempotency_key";--> statement-breakpoint
DROP INDEX "updates_case_idx";--> statement-breakpoint
DROP INDEX "updates_next_step_idx";--> statement-breakpoint
DROP INDEX "messages_owed_idx";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "details" jsonb;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "note" jsonb;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "post_no_answer_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "post_failed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "post_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "card_version" integer;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "push_requests_done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "push_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "withdrawal" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "files_to_delete" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "held_messages" ADD COLUMN "line_message_id" text;--> statement-breakpoint
ALTER TABLE "held_messages" ADD COLUMN "message" jsonb;--> statement-breakpoint
ALTER TABLE "digest_runs" ADD COLUMN "dm_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "digest_runs" ADD COLUMN "dm_no_answer_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "record_versions" ADD CONSTRAINT "record_versions_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_source_message_id_messages_id_fk" FOREIGN KEY ("source_message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_card_message_id_messages_id_fk" FOREIGN KEY ("card_message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_source_record_id_records_id_fk" FOREIGN KEY ("source_record_id") REFERENCES "public"."records"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "held_messages_user_idx" ON "held_messages" USING btree ("line_user_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "record_versions_key" ON "record_versions" USING btree ("record_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "records_idempotency_key" ON "records" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "records_case_idx" ON "records" USING btree ("case_id","occurred_at");--> statement-breakpoint
CREATE INDEX "records_next_step_idx" ON "records" USING btree ("next_step_date");--> statement-breakpoint
CREATE INDEX "messages_owed_idx" ON "messages" USING btree ("updated_at") WHERE "messages"."slack_ts" is null or "messages"."delivery_status" = 'pending' or "messages"."withdrawal" = 'owed';