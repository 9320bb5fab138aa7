CREATE TABLE "setting_overrides" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"changed_by" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings_revision" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"revision" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "settings_revision_one_row" CHECK ("settings_revision"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "webhook_arrivals" (
	"source" text PRIMARY KEY NOT NULL,
	"last_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "inbound_events_failed_idx" ON "inbound_events" USING btree ("processed_at") WHERE "inbound_events"."status" = 'failed';--> statement-breakpoint
CREATE INDEX "messages_failed_idx" ON "messages" USING btree ("updated_at") WHERE "messages"."post_failed" or "messages"."delivery_status" = 'failed';