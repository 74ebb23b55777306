CREATE TABLE "ballot_delegations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ballot_id" uuid NOT NULL,
	"uri" text NOT NULL,
	"platform_id" text NOT NULL,
	"holder" text,
	"signed_at" timestamp with time zone NOT NULL,
	"signed" jsonb NOT NULL,
	"person_id" uuid,
	"person_name" text,
	"actor_uri" text,
	"status" text NOT NULL,
	"refusal" jsonb,
	"received_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ballot_delegations_status_check" CHECK ("ballot_delegations"."status" in ('queued', 'accepted', 'refused'))
);
--> statement-breakpoint
ALTER TABLE "ballots" ADD COLUMN "mandates" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "ballot_cast_votes" ADD COLUMN "proxy_for" text;--> statement-breakpoint
ALTER TABLE "ballot_received_votes" ADD COLUMN "mandate" jsonb;--> statement-breakpoint
ALTER TABLE "ballot_delegations" ADD CONSTRAINT "ballot_delegations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_delegations" ADD CONSTRAINT "ballot_delegations_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_delegations_uri_key" ON "ballot_delegations" USING btree ("tenant_id","uri");--> statement-breakpoint
CREATE INDEX "ballot_delegations_ballot_idx" ON "ballot_delegations" USING btree ("tenant_id","ballot_id","platform_id","signed_at");