CREATE SEQUENCE "public"."case_code_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "invite_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"line_user_id" text NOT NULL,
	"success" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_choices" (
	"line_user_id" text PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "held_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"line_user_id" text NOT NULL,
	"inbound_event_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_pacing" (
	"channel_id" text PRIMARY KEY NOT NULL,
	"next_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "last_message_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_events" ADD COLUMN "actor" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "meta" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "source_slack_ts" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "slack_post_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_choices" ADD CONSTRAINT "case_choices_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_messages" ADD CONSTRAINT "held_messages_inbound_event_id_inbound_events_id_fk" FOREIGN KEY ("inbound_event_id") REFERENCES "public"."inbound_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invite_attempts_user_idx" ON "invite_attempts" USING btree ("line_user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "held_messages_event_key" ON "held_messages" USING btree ("inbound_event_id");--> statement-breakpoint
CREATE INDEX "inbound_events_actor_pending_idx" ON "inbound_events" USING btree ("actor","id") WHERE "inbound_events"."status" = 'received';