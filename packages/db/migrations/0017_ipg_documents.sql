CREATE TABLE "life_ipg_documents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"edition_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"state" text NOT NULL,
	"revision" integer NOT NULL,
	"ballot_id" uuid,
	"ballot_uri" text,
	"last_outcome" text,
	"published_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "life_ipg_documents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "life_ipg_documents" ADD CONSTRAINT "life_ipg_documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "life_ipg_documents_edition_idx" ON "life_ipg_documents" USING btree ("tenant_id","edition_id");--> statement-breakpoint
CREATE INDEX "life_ipg_documents_ballot_idx" ON "life_ipg_documents" USING btree ("tenant_id","ballot_id");--> statement-breakpoint
ALTER TABLE "life_ipg_editions" DROP COLUMN "documents";--> statement-breakpoint
ALTER TABLE "life_ipg_editions" DROP COLUMN "minutes";