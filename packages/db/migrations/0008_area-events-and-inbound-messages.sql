CREATE TABLE "area_event_receipts" (
	"subscriber" text NOT NULL,
	"event_id" uuid NOT NULL,
	"lease_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"handled_at" timestamp with time zone,
	CONSTRAINT "area_event_receipts_subscriber_event_id_pk" PRIMARY KEY("subscriber","event_id")
);
--> statement-breakpoint
CREATE TABLE "area_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"activity_id" text NOT NULL,
	"activity" jsonb NOT NULL,
	"via" text DEFAULT 'inbox' NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
-- The ballots' kept messages become federation's: nothing a node kept and had not applied is lost.
INSERT INTO "inbound_messages" ("id", "tenant_id", "activity_id", "activity", "via", "received_at", "lease_until", "attempts", "last_error", "processed_at")
SELECT "id", "tenant_id", "activity_id", "activity", 'inbox', "received_at", "lease_until", "attempts", "last_error", "processed_at" FROM "ballot_inbox";--> statement-breakpoint
DROP TABLE "ballot_inbox" CASCADE;--> statement-breakpoint
ALTER TABLE "area_event_receipts" ADD CONSTRAINT "area_event_receipts_event_id_area_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."area_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_events" ADD CONSTRAINT "area_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD CONSTRAINT "inbound_messages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "area_events_name_seq_idx" ON "area_events" USING btree ("name","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_messages_activity_key" ON "inbound_messages" USING btree ("tenant_id","activity_id");--> statement-breakpoint
CREATE INDEX "inbound_messages_pending_idx" ON "inbound_messages" USING btree ("received_at") WHERE "inbound_messages"."processed_at" is null;