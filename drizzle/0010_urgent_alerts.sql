CREATE TABLE "after_hours_replies" (
	"line_user_id" text PRIMARY KEY NOT NULL,
	"event_key" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "urgent_alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"message_id" bigint NOT NULL,
	"groups" jsonb NOT NULL,
	"escalate_at" timestamp with time zone NOT NULL,
	"note_message_id" bigint,
	"notified_at" timestamp with time zone,
	"taken_by" text,
	"taken_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "urgent_dms" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alert_id" integer NOT NULL,
	"kind" text NOT NULL,
	"user_id" text NOT NULL,
	"channel_id" text,
	"ts" text,
	"started_at" timestamp with time zone,
	"no_answer_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "urgent_alerts" ADD CONSTRAINT "urgent_alerts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "urgent_alerts" ADD CONSTRAINT "urgent_alerts_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "urgent_alerts" ADD CONSTRAINT "urgent_alerts_note_message_id_messages_id_fk" FOREIGN KEY ("note_message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "urgent_dms" ADD CONSTRAINT "urgent_dms_alert_id_urgent_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."urgent_alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "urgent_alerts_message" ON "urgent_alerts" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "urgent_alerts_open_idx" ON "urgent_alerts" USING btree ("taken_at","escalated_at","escalate_at");--> statement-breakpoint
CREATE UNIQUE INDEX "urgent_dms_key" ON "urgent_dms" USING btree ("alert_id","kind","user_id");