import type { Locale, LocalizedText, RegionCode, TenantKind } from "@dynamo/domain";
import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const tenants = pgTable(
  "tenants",
  {
    id: uuid("id").primaryKey(),
    slug: text("slug").notNull(),
    kind: text("kind").$type<TenantKind>().notNull(),
    regionCode: text("region_code").$type<RegionCode>(),
    names: jsonb("names").$type<LocalizedText>().notNull(),
    defaultLocale: text("default_locale").$type<Locale>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("tenants_slug_key").on(t.slug),
    uniqueIndex("tenants_region_code_key").on(t.regionCode),
    check("tenants_kind_check", sql`${t.kind} in ('region', 'hub')`),
    check("tenants_region_code_check", sql`(${t.kind} = 'hub') = (${t.regionCode} is null)`),
  ],
);

/** The host names a tenant answers on; the request's Host header picks the tenant. */
export const tenantHosts = pgTable(
  "tenant_hosts",
  {
    host: text("host").primaryKey(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
  },
  (t) => [index("tenant_hosts_tenant_id_idx").on(t.tenantId)],
);
