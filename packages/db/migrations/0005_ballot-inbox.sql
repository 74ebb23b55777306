CREATE TABLE "ballot_inbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"activity_id" text NOT NULL,
	"activity" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "ballot_inbox" ADD CONSTRAINT "ballot_inbox_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_inbox_activity_key" ON "ballot_inbox" USING btree ("tenant_id","activity_id");--> statement-breakpoint
CREATE INDEX "ballot_inbox_pending_idx" ON "ballot_inbox" USING btree ("received_at") WHERE "ballot_inbox"."processed_at" is null;