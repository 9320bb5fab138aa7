CREATE TABLE "unsent_line_messages" (
	"line_message_id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "messages_owed_idx" ON "messages" USING btree ("updated_at") WHERE "messages"."slack_ts" is null or "messages"."delivery_status" = 'pending' or "messages"."meta" ->> 'withdrawal' = 'pending';