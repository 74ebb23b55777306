CREATE TABLE "actor_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"actor_identifier" text NOT NULL,
	"kind" text NOT NULL,
	"public_key" jsonb NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "actor_keys_kind_check" CHECK ("actor_keys"."kind" in ('rsa', 'ed25519'))
);
--> statement-breakpoint
CREATE TABLE "fedify_kv" (
	"key" text[] PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fedify_queue" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"payload" text NOT NULL,
	"ordering_key" text,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"lease_token" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "actor_keys" ADD CONSTRAINT "actor_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "actor_keys_active_key" ON "actor_keys" USING btree ("tenant_id","actor_identifier","kind") WHERE "actor_keys"."retired_at" is null;--> statement-breakpoint
CREATE INDEX "fedify_kv_expires_at_idx" ON "fedify_kv" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "fedify_queue_available_idx" ON "fedify_queue" USING btree ("available_at","seq");--> statement-breakpoint
CREATE INDEX "fedify_queue_ordering_idx" ON "fedify_queue" USING btree ("ordering_key","seq") WHERE "fedify_queue"."ordering_key" is not null;