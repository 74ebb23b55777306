import type { Locale, LocalizedText, RegionCode, TenantKind } from "@dynamo/core";
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

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

/** The tenant a row belongs to: every tenant-scoped table has it, and loses its rows with the tenant. */
export const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" });

/** A moment, with its time zone. */
export const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Area events (`ballot.closed`, …): written by a use-case in its own transaction, next to what
 * it changed; delivered after commit to the areas that subscribe, at least once, in the order
 * they were recorded. Kept a while after every subscriber has handled them.
 */
export const areaEvents = pgTable(
  "area_events",
  {
    id: uuid("id").primaryKey(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    tenantId: tenantId(),
    name: text("name").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("area_events_name_seq_idx").on(t.name, t.seq)],
);

/** One subscriber's handling of one event: claimed with a lease, done once handled_at is set, retried otherwise. */
export const areaEventReceipts = pgTable(
  "area_event_receipts",
  {
    subscriber: text("subscriber").notNull(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => areaEvents.id, { onDelete: "cascade" }),
    leaseUntil: at("lease_until"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    handledAt: at("handled_at"),
  },
  (t) => [primaryKey({ columns: [t.subscriber, t.eventId] })],
);

/**
 * The node's heartbeat: one row per process run, from its start to its last beat (every few
 * seconds). The gaps between them are when the node was down (see @dynamo/core's outagesOf):
 * the hub extends a ballot's reception by the time it could not receive.
 */
export const nodeUptime = pgTable(
  "node_uptime",
  {
    id: uuid("id").primaryKey(),
    startedAt: at("started_at").notNull(),
    lastBeatAt: at("last_beat_at").notNull(),
    /** Set when the process stopped cleanly (its last beat is then its stop). */
    stoppedAt: at("stopped_at"),
  },
  (t) => [index("node_uptime_last_beat_idx").on(t.lastBeatAt)],
);

/**
 * Every backup the node made (`cli backup create`, by hand or by a schedule): /metrics shows the
 * last one, and an alert fires when none succeeded for a day. A backup never includes its own row.
 */
export const backupRuns = pgTable("backup_runs", {
  id: uuid("id").primaryKey(),
  at: at("at").notNull(),
  driver: text("driver").notNull(),
  bytes: bigint("bytes", { mode: "number" }).notNull(),
  sha256: text("sha256").notNull(),
});

/**
 * What happened on a tenant, in every area: who, what, when, from where, with which outcome.
 * Never a secret.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    at: at("at").notNull(),
    /** The person who acted (no foreign key: the kernel does not know the identity area's tables). */
    actorId: uuid("actor_id"),
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    targetLabel: text("target_label"),
    outcome: text("outcome").$type<"success" | "failure">().notNull(),
    clientAddress: text("client_address"),
    requestId: text("request_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index("audit_events_tenant_at_idx").on(t.tenantId, t.at)],
);
