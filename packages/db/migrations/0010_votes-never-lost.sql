CREATE TABLE "node_uptime" (
	"id" uuid PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"last_beat_at" timestamp with time zone NOT NULL,
	"stopped_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "outbox_activities" ADD COLUMN "urgent_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ballot_attestations" ADD COLUMN "evidence" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "ballots" ADD COLUMN "extension_ms" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ballots" ADD COLUMN "reception" jsonb;--> statement-breakpoint
ALTER TABLE "ballot_cast_votes" ADD COLUMN "signed" jsonb;--> statement-breakpoint
CREATE INDEX "node_uptime_last_beat_idx" ON "node_uptime" USING btree ("last_beat_at");