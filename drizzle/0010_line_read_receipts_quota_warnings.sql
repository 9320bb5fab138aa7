CREATE TABLE "quota_warnings" (
	"month" text NOT NULL,
	"threshold" integer NOT NULL,
	"used" integer NOT NULL,
	"quota_limit" integer NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "quota_warnings_month_threshold_pk" PRIMARY KEY("month","threshold")
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "mark_as_read_token" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "read_marked_at" timestamp with time zone;