CREATE TABLE "update_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"update_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"edited_by" text NOT NULL,
	"edited_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"author_user_id" text NOT NULL,
	"category" text NOT NULL,
	"contact_kind" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"place" text,
	"attendees" text,
	"body" text NOT NULL,
	"fsoaip" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"next_step" text,
	"next_step_date" date,
	"source_message_id" bigint,
	"source_slack_ts" text,
	"card_message_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "update_versions" ADD CONSTRAINT "update_versions_update_id_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."updates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "updates" ADD CONSTRAINT "updates_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "updates" ADD CONSTRAINT "updates_source_message_id_messages_id_fk" FOREIGN KEY ("source_message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "updates" ADD CONSTRAINT "updates_card_message_id_messages_id_fk" FOREIGN KEY ("card_message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "update_versions_key" ON "update_versions" USING btree ("update_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "updates_idempotency_key" ON "updates" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "updates_case_idx" ON "updates" USING btree ("case_id","occurred_at");--> statement-breakpoint
CREATE INDEX "updates_next_step_idx" ON "updates" USING btree ("next_step_date");