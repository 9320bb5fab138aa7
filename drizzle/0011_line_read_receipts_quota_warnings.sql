CREATE TABLE "quota_warnings" (
	"month" text NOT NULL,
	"threshold" integer NOT NULL,
	"user_id" text NOT NULL,
	"used" integer NOT NULL,
	"quota_limit" integer NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"no_answer_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	CONSTRAINT "quota_warnings_month_threshold_user_id_pk" PRIMARY KEY("month","threshold","user_id")
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "mark_as_read_token" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "read_marked_at" timestamp with time zone;