CREATE TABLE "life_ipg_delegations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"edition_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"country_code" text NOT NULL,
	"representative" text NOT NULL,
	"substitute" text,
	"observers" jsonb NOT NULL,
	"interpretation" jsonb NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"sender" text,
	"registered_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "life_ipg_delegations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "life_ipg_editions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"year" integer NOT NULL,
	"continent" text NOT NULL,
	"country" text NOT NULL,
	"city" text NOT NULL,
	"time_zone" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"repeat_reason" text,
	"capacity" integer NOT NULL,
	"agenda" jsonb NOT NULL,
	"documents" jsonb NOT NULL,
	"minutes" jsonb,
	"event_uri" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "life_ipg_editions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "life_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"uri" text NOT NULL,
	"own" integer NOT NULL,
	"kind" text NOT NULL,
	"region_code" text,
	"organizer" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"place" jsonb NOT NULL,
	"status" text NOT NULL,
	"theme" text,
	"indicator_key" text,
	"provider" text,
	"platforms" jsonb NOT NULL,
	"participants" integer,
	"outcome" text,
	"evidence" jsonb NOT NULL,
	"sessions" jsonb NOT NULL,
	"objectives" jsonb NOT NULL,
	"capacity" integer,
	"edition_id" uuid,
	"host_country" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "life_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "life_registrations" (
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "life_registrations_tenant_id_event_id_person_id_pk" PRIMARY KEY("tenant_id","event_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "life_ipg_delegations" ADD CONSTRAINT "life_ipg_delegations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "life_ipg_editions" ADD CONSTRAINT "life_ipg_editions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "life_events" ADD CONSTRAINT "life_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "life_registrations" ADD CONSTRAINT "life_registrations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "life_ipg_delegations_platform_key" ON "life_ipg_delegations" USING btree ("tenant_id","edition_id","country_code");--> statement-breakpoint
CREATE UNIQUE INDEX "life_ipg_editions_year_key" ON "life_ipg_editions" USING btree ("tenant_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "life_events_uri_key" ON "life_events" USING btree ("tenant_id","uri");--> statement-breakpoint
CREATE INDEX "life_events_start_idx" ON "life_events" USING btree ("tenant_id","starts_at");