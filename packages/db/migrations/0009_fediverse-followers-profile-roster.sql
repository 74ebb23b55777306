CREATE TABLE "blocked_servers" (
	"tenant_id" uuid NOT NULL,
	"server" text NOT NULL,
	"reason" text,
	"blocked_by" uuid,
	"blocked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "blocked_servers_tenant_id_server_pk" PRIMARY KEY("tenant_id","server")
);
--> statement-breakpoint
CREATE TABLE "fediverse_followers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"actor_id" text NOT NULL,
	"inbox" text NOT NULL,
	"shared_inbox" text,
	"server" text NOT NULL,
	"follow_activity_id" text NOT NULL,
	"name" text,
	"since" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fediverse_profiles" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"summaries" jsonb NOT NULL,
	"discoverable" boolean NOT NULL,
	"icon" text,
	"icon_media_type" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "peers" ADD COLUMN "via_roster" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "blocked_servers" ADD CONSTRAINT "blocked_servers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fediverse_followers" ADD CONSTRAINT "fediverse_followers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fediverse_profiles" ADD CONSTRAINT "fediverse_profiles_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fediverse_followers_tenant_actor_key" ON "fediverse_followers" USING btree ("tenant_id","actor_id");