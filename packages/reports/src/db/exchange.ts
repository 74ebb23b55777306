import type { RegionCode, TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, asc, eq } from "drizzle-orm";
import type { ReportKind } from "../domain/report.ts";
import { reportExpectations, reportReceipts, reportSubmissions } from "./schema.ts";

/** A region's signed submission as the hub received and verified it. */
export interface ReportSubmission {
  id: string;
  reportId: string;
  region: RegionCode;
  kind: ReportKind;
  cycle: string;
  revision: number;
  signer: string;
  keyId: string;
  signedAt: Date;
  receivedAt: Date;
  signedJson: string;
}

export interface ReportExpectation {
  cycle: string;
  kind: ReportKind;
  region: RegionCode;
  dueDate: Date;
  platforms: string[];
}

export interface ReportReceipt {
  id: string;
  reportId: string;
  revision: number;
  decision: "acknowledged" | "sent-back" | "published";
  reasons: string[];
  signer: string;
  signedJson: string;
  receivedAt: Date;
}

/** The hub's record of what regions sent and what it expects of them. */
export function createReportExchangeRepo(db: DbOrTx, tenantId: TenantId) {
  return {
    /** Records a submission; false when this revision of this report was already recorded. */
    async recordSubmission(submission: ReportSubmission): Promise<boolean> {
      const inserted = await db
        .insert(reportSubmissions)
        .values({ ...submission, tenantId })
        .onConflictDoNothing()
        .returning({ id: reportSubmissions.id });
      return inserted.length === 1;
    },

    async submissions(filter: { cycle?: string; reportId?: string } = {}): Promise<ReportSubmission[]> {
      const rows = await db
        .select()
        .from(reportSubmissions)
        .where(
          and(
            eq(reportSubmissions.tenantId, tenantId),
            filter.cycle === undefined ? undefined : eq(reportSubmissions.cycle, filter.cycle),
            filter.reportId === undefined ? undefined : eq(reportSubmissions.reportId, filter.reportId),
          ),
        )
        .orderBy(asc(reportSubmissions.receivedAt));
      return rows.map(({ tenantId: _t, ...rest }) => rest);
    },

    async expect(expectation: ReportExpectation): Promise<void> {
      await db
        .insert(reportExpectations)
        .values({ ...expectation, tenantId })
        .onConflictDoUpdate({
          target: [
            reportExpectations.tenantId,
            reportExpectations.cycle,
            reportExpectations.kind,
            reportExpectations.region,
          ],
          set: { dueDate: expectation.dueDate, platforms: expectation.platforms },
        });
    },

    async expectations(cycle: string): Promise<ReportExpectation[]> {
      const rows = await db
        .select()
        .from(reportExpectations)
        .where(and(eq(reportExpectations.tenantId, tenantId), eq(reportExpectations.cycle, cycle)))
        .orderBy(asc(reportExpectations.region), asc(reportExpectations.kind));
      return rows.map(({ tenantId: _t, ...rest }) => rest);
    },

    async cycles(): Promise<string[]> {
      const rows = await db
        .selectDistinct({ cycle: reportExpectations.cycle })
        .from(reportExpectations)
        .where(eq(reportExpectations.tenantId, tenantId))
        .orderBy(asc(reportExpectations.cycle));
      return rows.map((r) => r.cycle);
    },

    /** Records a hub answer a region received; false when it was already recorded. */
    async recordReceipt(receipt: ReportReceipt): Promise<boolean> {
      const inserted = await db
        .insert(reportReceipts)
        .values({ ...receipt, tenantId })
        .onConflictDoNothing()
        .returning({ id: reportReceipts.id });
      return inserted.length === 1;
    },

    async receipts(reportId: string): Promise<ReportReceipt[]> {
      const rows = await db
        .select()
        .from(reportReceipts)
        .where(and(eq(reportReceipts.tenantId, tenantId), eq(reportReceipts.reportId, reportId)))
        .orderBy(asc(reportReceipts.receivedAt));
      return rows.map(({ tenantId: _t, ...rest }) => rest);
    },
  };
}

export type ReportExchangeRepo = ReturnType<typeof createReportExchangeRepo>;
