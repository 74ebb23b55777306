CREATE TABLE "life_event_joins" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"requested_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "life_event_joins_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "life_remote_registrations" (
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"sender" text NOT NULL,
	"registration_id" uuid NOT NULL,
	"participant" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "life_remote_registrations_tenant_id_sender_registration_id_pk" PRIMARY KEY("tenant_id","sender","registration_id")
);
--> statement-breakpoint
ALTER TABLE "life_event_joins" ADD CONSTRAINT "life_event_joins_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "life_remote_registrations" ADD CONSTRAINT "life_remote_registrations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "life_event_joins_person_key" ON "life_event_joins" USING btree ("tenant_id","event_id","person_id");--> statement-breakpoint
CREATE INDEX "life_remote_registrations_event_idx" ON "life_remote_registrations" USING btree ("tenant_id","event_id");