import type { RegionCode, TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, asc, desc, eq } from "drizzle-orm";
import type { IndicatorDefinition } from "../domain/indicator.ts";
import type { Report, ReportId, ReportKind } from "../domain/report.ts";
import { reportFromJson, reportToJson } from "./codec.ts";
import { indicatorDefinitions, reports } from "./schema.ts";

/** A report as stored, with the version a later save must name. */
export interface StoredReport {
  report: Report;
  version: number;
  updatedAt: Date;
}

type Row = typeof reports.$inferSelect;

const toStored = (row: Row): StoredReport => ({
  report: reportFromJson(row.document),
  version: row.version,
  updatedAt: row.updatedAt,
});

const columnsOf = (report: Report) => ({
  kind: report.kind,
  region: report.region,
  cycle: report.cycle,
  state: report.state,
  dueDate: report.dueDate,
  revision: report.revision,
  document: reportToJson(report),
});

export type SaveReportFailure = { kind: "stale"; reportId: ReportId } | { kind: "slot-taken"; reportId: ReportId };

/** The reports of one tenant. The domain decides every change; this loads and saves. */
export function createReportRepo(db: DbOrTx, tenantId: TenantId) {
  const scoped = (...conditions: Parameters<typeof and>) => and(eq(reports.tenantId, tenantId), ...conditions);

  return {
    async find(id: string): Promise<StoredReport | undefined> {
      const [row] = await db
        .select()
        .from(reports)
        .where(scoped(eq(reports.id, id)));
      return row && toStored(row);
    },

    /** The same row, locked until the transaction ends: for a change decided on what was read. */
    async findForUpdate(id: string): Promise<StoredReport | undefined> {
      const [row] = await db
        .select()
        .from(reports)
        .where(scoped(eq(reports.id, id)))
        .for("update");
      return row && toStored(row);
    },

    async findSlot(region: RegionCode, kind: ReportKind, cycle: string): Promise<StoredReport | undefined> {
      const [row] = await db
        .select()
        .from(reports)
        .where(scoped(eq(reports.region, region), eq(reports.kind, kind), eq(reports.cycle, cycle)));
      return row && toStored(row);
    },

    async list(filter: { region?: RegionCode; cycle?: string; kind?: ReportKind } = {}): Promise<StoredReport[]> {
      const rows = await db
        .select()
        .from(reports)
        .where(
          scoped(
            filter.region === undefined ? undefined : eq(reports.region, filter.region),
            filter.cycle === undefined ? undefined : eq(reports.cycle, filter.cycle),
            filter.kind === undefined ? undefined : eq(reports.kind, filter.kind),
          ),
        )
        .orderBy(desc(reports.cycle), asc(reports.region), asc(reports.kind));
      return rows.map(toStored);
    },

    /** Inserts a new report; refused when the tenant already has one for this region, kind and cycle. */
    async insert(report: Report, now: Date): Promise<{ ok: true } | { ok: false; error: SaveReportFailure }> {
      const inserted = await db
        .insert(reports)
        .values({ tenantId, id: report.id, ...columnsOf(report), version: 1, createdAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning({ id: reports.id });
      return inserted.length === 1 ? { ok: true } : { ok: false, error: { kind: "slot-taken", reportId: report.id } };
    },

    /** Saves a changed report if nobody saved it since `version` was read. */
    async update(
      report: Report,
      version: number,
      now: Date,
    ): Promise<{ ok: true; version: number } | { ok: false; error: SaveReportFailure }> {
      const updated = await db
        .update(reports)
        .set({ ...columnsOf(report), version: version + 1, updatedAt: now })
        .where(scoped(eq(reports.id, report.id), eq(reports.version, version)))
        .returning({ version: reports.version });
      return updated.length === 1
        ? { ok: true, version: version + 1 }
        : { ok: false, error: { kind: "stale", reportId: report.id } };
    },

    /** Inserts or replaces a copy received from elsewhere (the hub's copy, a published report). */
    async upsertCopy(report: Report, now: Date): Promise<void> {
      await db
        .insert(reports)
        .values({ tenantId, id: report.id, ...columnsOf(report), version: 1, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: [reports.tenantId, reports.id],
          set: { ...columnsOf(report), updatedAt: now },
        });
    },
  };
}

export type ReportRepo = ReturnType<typeof createReportRepo>;

/** The indicator definitions a tenant knows. */
export function createIndicatorDefinitionRepo(db: DbOrTx, tenantId: TenantId) {
  return {
    async list(): Promise<IndicatorDefinition[]> {
      const rows = await db
        .select()
        .from(indicatorDefinitions)
        .where(eq(indicatorDefinitions.tenantId, tenantId))
        .orderBy(asc(indicatorDefinitions.key), asc(indicatorDefinitions.version));
      return rows.map((row) => row.definition);
    },

    /** The definitions used in a cycle. */
    async forCycle(cycle: string): Promise<IndicatorDefinition[]> {
      return (await this.list()).filter((d) => d.cycles.includes(cycle));
    },

    async put(definition: IndicatorDefinition, now: Date): Promise<void> {
      await db
        .insert(indicatorDefinitions)
        .values({ tenantId, key: definition.key, version: definition.version, definition, updatedAt: now })
        .onConflictDoUpdate({
          target: [indicatorDefinitions.tenantId, indicatorDefinitions.key, indicatorDefinitions.version],
          set: { definition, updatedAt: now },
        });
    },
  };
}
