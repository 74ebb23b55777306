import type { RegionCode } from "@dynamo/core";
import { at, tenantId } from "@dynamo/db/schema";
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { IndicatorDefinition } from "../domain/indicator.ts";
import type { ReportKind, ReportState } from "../domain/report.ts";

/**
 * Indicator definitions, as data: one row per (key, version) a tenant knows. The hub publishes
 * them per reporting cycle; each region keeps the definitions its platforms report with.
 */
export const indicatorDefinitions = pgTable(
  "indicator_definitions",
  {
    tenantId: tenantId(),
    key: text("key").notNull(),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<IndicatorDefinition>().notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key, t.version] })],
);

/**
 * Reports. On a region: the region's own reports (sections, synthesis, every submitted revision
 * and the event trail live in `document`, the domain's aggregate, which the state machine
 * decides), and published reports of other regions. On the hub: the hub's copy of each region's
 * report, as last received and then acknowledged, sent back or published.
 * The columns beside the document are what lists and the dashboard filter on.
 */
export const reports = pgTable(
  "reports",
  {
    tenantId: tenantId(),
    id: uuid("id").notNull(),
    kind: text("kind").$type<ReportKind>().notNull(),
    region: text("region").$type<RegionCode>().notNull(),
    cycle: text("cycle").notNull(),
    state: text("state").$type<ReportState>().notNull(),
    dueDate: at("due_date").notNull(),
    revision: integer("revision").notNull(),
    document: jsonb("document").$type<Record<string, unknown>>().notNull(),
    /** Bumped by every save: a save that read an older version is refused (two tabs, two people). */
    version: integer("version").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("reports_tenant_slot_key").on(t.tenantId, t.region, t.kind, t.cycle),
    index("reports_tenant_cycle_idx").on(t.tenantId, t.cycle),
    check("reports_kind_check", sql`${t.kind} in ('diagnosis', 'activity', 'status')`),
  ],
);

/**
 * On the hub: every signed submission a region made, exactly as it arrived (the signed JSON
 * text, so its proof can be checked again at any time), with the key that verified it.
 */
export const reportSubmissions = pgTable(
  "report_submissions",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    reportId: uuid("report_id").notNull(),
    region: text("region").$type<RegionCode>().notNull(),
    kind: text("kind").$type<ReportKind>().notNull(),
    cycle: text("cycle").notNull(),
    revision: integer("revision").notNull(),
    signer: text("signer").notNull(),
    keyId: text("key_id").notNull(),
    signedAt: at("signed_at").notNull(),
    receivedAt: at("received_at").notNull(),
    signedJson: text("signed_json").notNull(),
  },
  (t) => [
    uniqueIndex("report_submissions_revision_key").on(t.tenantId, t.reportId, t.revision),
    index("report_submissions_cycle_idx").on(t.tenantId, t.cycle),
  ],
);

/**
 * On the hub: what it expects in a cycle — one report of a kind per region by a due date, and
 * the platforms it expects within (more are added from the sections a report carries).
 */
export const reportExpectations = pgTable(
  "report_expectations",
  {
    tenantId: tenantId(),
    cycle: text("cycle").notNull(),
    kind: text("kind").$type<ReportKind>().notNull(),
    region: text("region").$type<RegionCode>().notNull(),
    dueDate: at("due_date").notNull(),
    platforms: jsonb("platforms").$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.cycle, t.kind, t.region] })],
);

/**
 * On a region: the hub's signed answers about its reports — receipts (acknowledged), send-backs
 * with reasons, publications — as they arrived.
 */
export const reportReceipts = pgTable(
  "report_receipts",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    reportId: uuid("report_id").notNull(),
    revision: integer("revision").notNull(),
    decision: text("decision").$type<"acknowledged" | "sent-back" | "published">().notNull(),
    reasons: jsonb("reasons").$type<string[]>().notNull(),
    signer: text("signer").notNull(),
    signedJson: text("signed_json").notNull(),
    receivedAt: at("received_at").notNull(),
  },
  (t) => [
    uniqueIndex("report_receipts_decision_key").on(t.tenantId, t.reportId, t.revision, t.decision),
    check("report_receipts_decision_check", sql`${t.decision} in ('acknowledged', 'sent-back', 'published')`),
  ],
);
