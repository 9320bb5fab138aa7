ALTER TABLE "held_messages" ALTER COLUMN "message" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" DROP COLUMN "meta";