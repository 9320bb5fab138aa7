CREATE TABLE "app_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unsent_line_messages" (
	"line_message_id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "invite_id" integer;--> statement-breakpoint
ALTER TABLE "invites" ADD COLUMN "used_by_inbound_event_id" bigint;--> statement-breakpoint
ALTER TABLE "inbound_events" ADD COLUMN "scrubbed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "messages_owed_idx" ON "messages" USING btree ("updated_at") WHERE "messages"."slack_ts" is null or "messages"."delivery_status" = 'pending' or "messages"."meta" ->> 'withdrawal' = 'pending';