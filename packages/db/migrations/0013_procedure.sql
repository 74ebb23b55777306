CREATE TABLE "procedure_amendments" (
	"id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"text_key" text NOT NULL,
	"base_version" integer NOT NULL,
	"operations" jsonb NOT NULL,
	"rationale" text NOT NULL,
	"state" text NOT NULL,
	"reason" text,
	"ballot_id" text,
	"ballot_uri" text,
	"author_person_id" text NOT NULL,
	"author_name" text NOT NULL,
	"author_region" text NOT NULL,
	"revision" integer NOT NULL,
	"origin" text NOT NULL,
	"applied_version" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "procedure_amendments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "procedure_draft_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"text_key" text NOT NULL,
	"article_id" text NOT NULL,
	"person_id" text NOT NULL,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedure_regional_drafts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"text_key" text NOT NULL,
	"text" jsonb NOT NULL,
	"state" text NOT NULL,
	"ballot_id" text,
	"ballot_uri" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedure_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"text_key" text NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"text" jsonb NOT NULL,
	"in_force_since" timestamp with time zone,
	"ballot_id" text,
	"ballot_uri" text,
	"amendment_ids" jsonb NOT NULL,
	"previous_hash" text,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "procedure_amendments" ADD CONSTRAINT "procedure_amendments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_draft_comments" ADD CONSTRAINT "procedure_draft_comments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_regional_drafts" ADD CONSTRAINT "procedure_regional_drafts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD CONSTRAINT "procedure_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "procedure_amendments_text" ON "procedure_amendments" USING btree ("tenant_id","text_key");--> statement-breakpoint
CREATE INDEX "procedure_amendments_ballot" ON "procedure_amendments" USING btree ("tenant_id","ballot_id");--> statement-breakpoint
CREATE INDEX "procedure_draft_comments_text" ON "procedure_draft_comments" USING btree ("tenant_id","text_key");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_regional_drafts_text" ON "procedure_regional_drafts" USING btree ("tenant_id","text_key");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_versions_number" ON "procedure_versions" USING btree ("tenant_id","text_key","number");