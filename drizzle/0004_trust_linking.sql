CREATE TABLE "app_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "invite_id" integer;--> statement-breakpoint
ALTER TABLE "invites" ADD COLUMN "used_by_inbound_event_id" bigint;