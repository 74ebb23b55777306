CREATE TABLE "ballot_attestations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ballot_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"actor_uri" text NOT NULL,
	"activity_uri" text NOT NULL,
	"agrees" boolean NOT NULL,
	"problem" text,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_results" (
	"ballot_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"uri" text NOT NULL,
	"publication" jsonb NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"verified_at" timestamp with time zone,
	"agrees" boolean,
	"problem" text
);
--> statement-breakpoint
CREATE TABLE "ballots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"role" text NOT NULL,
	"uri" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"rules" jsonb NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"grace_ms" integer NOT NULL,
	"status" text NOT NULL,
	"electorate" jsonb,
	"cancel_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "ballots_role_check" CHECK ("ballots"."role" in ('issued', 'received')),
	CONSTRAINT "ballots_status_check" CHECK ("ballots"."status" in ('draft', 'open', 'cancelled', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "ballot_cast_votes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ballot_id" uuid NOT NULL,
	"platform_id" uuid NOT NULL,
	"person_id" uuid,
	"person_name" text,
	"choice" jsonb NOT NULL,
	"cast_by" jsonb NOT NULL,
	"activity_uri" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"refusal" jsonb,
	"receipt" text,
	"receipt_nonce" text,
	"receipt_received_at" timestamp with time zone,
	"hub_received_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ballot_cast_votes_status_check" CHECK ("ballot_cast_votes"."status" in ('queued', 'delivered', 'counted', 'refused'))
);
--> statement-breakpoint
CREATE TABLE "ballot_received_votes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ballot_id" uuid NOT NULL,
	"vote_uri" text NOT NULL,
	"actor_uri" text,
	"platform_id" text NOT NULL,
	"region_code" text,
	"choice" jsonb NOT NULL,
	"cast_by" jsonb NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"signed_activity" jsonb,
	"in_room" boolean DEFAULT false NOT NULL,
	"recorded_by" uuid,
	"recorded_by_name" text,
	"outcome" text NOT NULL,
	"refusal" jsonb,
	"receipt_nonce" text,
	"receipt" text,
	CONSTRAINT "ballot_received_votes_outcome_check" CHECK ("ballot_received_votes"."outcome" in ('accepted', 'refused'))
);
--> statement-breakpoint
CREATE TABLE "indicator_definitions" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "indicator_definitions_tenant_id_key_version_pk" PRIMARY KEY("tenant_id","key","version")
);
--> statement-breakpoint
CREATE TABLE "report_expectations" (
	"tenant_id" uuid NOT NULL,
	"cycle" text NOT NULL,
	"kind" text NOT NULL,
	"region" text NOT NULL,
	"due_date" timestamp with time zone NOT NULL,
	"platforms" jsonb NOT NULL,
	CONSTRAINT "report_expectations_tenant_id_cycle_kind_region_pk" PRIMARY KEY("tenant_id","cycle","kind","region")
);
--> statement-breakpoint
CREATE TABLE "report_receipts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"decision" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"signer" text NOT NULL,
	"signed_json" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_receipts_decision_check" CHECK ("report_receipts"."decision" in ('acknowledged', 'sent-back', 'published'))
);
--> statement-breakpoint
CREATE TABLE "report_submissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"region" text NOT NULL,
	"kind" text NOT NULL,
	"cycle" text NOT NULL,
	"revision" integer NOT NULL,
	"signer" text NOT NULL,
	"key_id" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"signed_json" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"region" text NOT NULL,
	"cycle" text NOT NULL,
	"state" text NOT NULL,
	"due_date" timestamp with time zone NOT NULL,
	"revision" integer NOT NULL,
	"document" jsonb NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "reports_kind_check" CHECK ("reports"."kind" in ('diagnosis', 'activity', 'status'))
);
--> statement-breakpoint
ALTER TABLE "ballot_attestations" ADD CONSTRAINT "ballot_attestations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_attestations" ADD CONSTRAINT "ballot_attestations_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_results" ADD CONSTRAINT "ballot_results_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_results" ADD CONSTRAINT "ballot_results_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_cast_votes" ADD CONSTRAINT "ballot_cast_votes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_cast_votes" ADD CONSTRAINT "ballot_cast_votes_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_received_votes" ADD CONSTRAINT "ballot_received_votes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_received_votes" ADD CONSTRAINT "ballot_received_votes_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_definitions" ADD CONSTRAINT "indicator_definitions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_expectations" ADD CONSTRAINT "report_expectations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_receipts" ADD CONSTRAINT "report_receipts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_submissions" ADD CONSTRAINT "report_submissions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_attestations_region_key" ON "ballot_attestations" USING btree ("tenant_id","ballot_id","region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "ballots_tenant_uri_key" ON "ballots" USING btree ("tenant_id","uri");--> statement-breakpoint
CREATE INDEX "ballots_due_idx" ON "ballots" USING btree ("status","closes_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_cast_votes_activity_key" ON "ballot_cast_votes" USING btree ("tenant_id","activity_uri");--> statement-breakpoint
CREATE INDEX "ballot_cast_votes_ballot_idx" ON "ballot_cast_votes" USING btree ("tenant_id","ballot_id","platform_id","signed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_received_votes_uri_key" ON "ballot_received_votes" USING btree ("tenant_id","vote_uri");--> statement-breakpoint
CREATE INDEX "ballot_received_votes_ballot_idx" ON "ballot_received_votes" USING btree ("tenant_id","ballot_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_receipts_decision_key" ON "report_receipts" USING btree ("tenant_id","report_id","revision","decision");--> statement-breakpoint
CREATE UNIQUE INDEX "report_submissions_revision_key" ON "report_submissions" USING btree ("tenant_id","report_id","revision");--> statement-breakpoint
CREATE INDEX "report_submissions_cycle_idx" ON "report_submissions" USING btree ("tenant_id","cycle");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_tenant_slot_key" ON "reports" USING btree ("tenant_id","region","kind","cycle");--> statement-breakpoint
CREATE INDEX "reports_tenant_cycle_idx" ON "reports" USING btree ("tenant_id","cycle");