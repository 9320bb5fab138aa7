CREATE TABLE "digest_runs" (
	"day" date NOT NULL,
	"user_id" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dm_channel_id" text,
	"dm_ts" text,
	"sent_at" timestamp with time zone,
	CONSTRAINT "digest_runs_day_user_id_pk" PRIMARY KEY("day","user_id")
);
--> statement-breakpoint
CREATE TABLE "reminder_pings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reminder_id" integer NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"fire_at" timestamp with time zone NOT NULL,
	"shift_reason" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"claimed_at" timestamp with time zone,
	"recipient_user_id" text,
	"dm_channel_id" text,
	"dm_ts" text,
	"dm_started_at" timestamp with time zone,
	"dm_no_answer_at" timestamp with time zone,
	"thread_message_id" bigint,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"kind" text NOT NULL,
	"rule" text NOT NULL,
	"title" text NOT NULL,
	"due_day" date NOT NULL,
	"due_time" text,
	"due_at" timestamp with time zone NOT NULL,
	"assignee_user_id" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"citation" text,
	"shifted_from" date,
	"shift_reason" text,
	"visit_type" text,
	"group_key" text,
	"source_update_id" bigint,
	"created_by" text NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completed_by" text,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reminder_pings" ADD CONSTRAINT "reminder_pings_reminder_id_reminders_id_fk" FOREIGN KEY ("reminder_id") REFERENCES "public"."reminders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_pings" ADD CONSTRAINT "reminder_pings_thread_message_id_messages_id_fk" FOREIGN KEY ("thread_message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_source_update_id_updates_id_fk" FOREIGN KEY ("source_update_id") REFERENCES "public"."updates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_pings_key" ON "reminder_pings" USING btree ("reminder_id","kind","fire_at");--> statement-breakpoint
CREATE INDEX "reminder_pings_pending_idx" ON "reminder_pings" USING btree ("status","fire_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reminders_idempotency_key" ON "reminders" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "reminders_case_idx" ON "reminders" USING btree ("case_id","status","due_at");--> statement-breakpoint
CREATE INDEX "reminders_assignee_idx" ON "reminders" USING btree ("assignee_user_id","status","due_at");