CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"outbox_id" uuid NOT NULL,
	"peer_actor_id" text NOT NULL,
	"inbox" text NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"first_failed_at" timestamp with time zone,
	"last_status" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_state_check" CHECK ("deliveries"."state" in ('queued', 'retrying', 'delivered', 'refused', 'unreachable'))
);
--> statement-breakpoint
CREATE TABLE "inbox_refusals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"activity_id" text,
	"actor_id" text,
	"type" text,
	"reason" text NOT NULL,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "network_platforms" (
	"tenant_id" uuid NOT NULL,
	"platform_actor_id" text NOT NULL,
	"region_actor_id" text NOT NULL,
	"region_code" text,
	"country_code" text NOT NULL,
	"status" text NOT NULL,
	"names" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "network_platforms_tenant_id_platform_actor_id_pk" PRIMARY KEY("tenant_id","platform_actor_id")
);
--> statement-breakpoint
CREATE TABLE "network_regions" (
	"tenant_id" uuid NOT NULL,
	"actor_id" text NOT NULL,
	"hub_actor_id" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "network_regions_tenant_id_actor_id_pk" PRIMARY KEY("tenant_id","actor_id")
);
--> statement-breakpoint
CREATE TABLE "outbox_activities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"tenant_id" uuid NOT NULL,
	"actor_identifier" text NOT NULL,
	"activity_id" text NOT NULL,
	"type" text NOT NULL,
	"object_id" text,
	"payload" jsonb NOT NULL,
	"listed" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "peers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"actor_id" text NOT NULL,
	"inbox" text NOT NULL,
	"shared_inbox" text,
	"origin" text NOT NULL,
	"direction" text NOT NULL,
	"state" text NOT NULL,
	"follow_activity_id" text,
	"name" text,
	"region_code" text,
	"since" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"reason" text,
	"last_caught_up_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "peers_state_check" CHECK ("peers"."state" in ('requested', 'active', 'refused', 'ended')),
	CONSTRAINT "peers_direction_check" CHECK ("peers"."direction" in ('outgoing', 'incoming'))
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"object_id" text NOT NULL,
	"author_actor_id" text NOT NULL,
	"author_name" text,
	"local" boolean NOT NULL,
	"kind" text NOT NULL,
	"titles" jsonb NOT NULL,
	"bodies" jsonb NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "received_activities" (
	"tenant_id" uuid NOT NULL,
	"activity_id" text NOT NULL,
	"actor_id" text NOT NULL,
	"type" text NOT NULL,
	"via" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "received_activities_tenant_id_activity_id_pk" PRIMARY KEY("tenant_id","activity_id")
);
--> statement-breakpoint
CREATE TABLE "roster_digests" (
	"tenant_id" uuid NOT NULL,
	"roster" text NOT NULL,
	"digest" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "roster_digests_tenant_id_roster_pk" PRIMARY KEY("tenant_id","roster")
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_outbox_id_outbox_activities_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_refusals" ADD CONSTRAINT "inbox_refusals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_platforms" ADD CONSTRAINT "network_platforms_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_regions" ADD CONSTRAINT "network_regions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_activities" ADD CONSTRAINT "outbox_activities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peers" ADD CONSTRAINT "peers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "received_activities" ADD CONSTRAINT "received_activities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_digests" ADD CONSTRAINT "roster_digests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_outbox_peer_key" ON "deliveries" USING btree ("outbox_id","peer_actor_id");--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("next_attempt_at") WHERE "deliveries"."state" in ('queued', 'retrying');--> statement-breakpoint
CREATE INDEX "deliveries_tenant_peer_idx" ON "deliveries" USING btree ("tenant_id","peer_actor_id","state");--> statement-breakpoint
CREATE INDEX "inbox_refusals_tenant_at_idx" ON "inbox_refusals" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE INDEX "network_platforms_region_idx" ON "network_platforms" USING btree ("tenant_id","region_actor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_activities_activity_key" ON "outbox_activities" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "outbox_activities_actor_seq_idx" ON "outbox_activities" USING btree ("tenant_id","actor_identifier","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "peers_tenant_actor_key" ON "peers" USING btree ("tenant_id","actor_id");--> statement-breakpoint
CREATE INDEX "peers_tenant_origin_idx" ON "peers" USING btree ("tenant_id","origin");--> statement-breakpoint
CREATE UNIQUE INDEX "publications_tenant_object_key" ON "publications" USING btree ("tenant_id","object_id");--> statement-breakpoint
CREATE INDEX "publications_tenant_published_idx" ON "publications" USING btree ("tenant_id","published_at");