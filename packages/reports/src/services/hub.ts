import { err, ok, type Person, type PlatformId, type RegionCode, type Result } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { type ReportJson, reportFromJson, reportToJson } from "../db/codec.ts";
import { createReportExchangeRepo, type ReportExpectation } from "../db/exchange.ts";
import { createIndicatorDefinitionRepo, createReportRepo } from "../db/reports.ts";
import type { ReportsContext } from "../deps.ts";
import { aggregateIndicators, type ExpectedPlatforms, type IndicatorSubmission } from "../domain/aggregation.ts";
import { consolidateReports, type EditionKind } from "../domain/edition.ts";
import type { Report, ReportKind } from "../domain/report.ts";
import { type ExpectedReport, type ReceivedReport, receiptsOf, reportingDashboard } from "../domain/timeliness.ts";
import {
  type DecisionMessage,
  type PublicationMessage,
  REPORTS_CONTEXT,
  type SubmissionMessage,
  type UnsignedMessage,
} from "../wire/messages.ts";
import { reportActorFor } from "./actor.ts";
import { platformDirectoryOf } from "./directory.ts";
import type { ReportsError } from "./errors.ts";
import { publicCopyOf } from "./public-copy.ts";
import { auditReport, changeReport, decideAction } from "./store.ts";

type Acting = Pick<Person, "id" | "roles" | "platformId">;

export type HubDecision =
  | { kind: "acknowledge" }
  | { kind: "send-back"; reasons: string[] }
  | { kind: "review-public-edition" };

/** The region actor that signed a report's last submission: where the hub's answers go. */
async function recipientOf(ctx: ReportsContext, tx: DbOrTx, reportId: string) {
  const signer = (await createReportExchangeRepo(tx, ctx.tenant.id).submissions({ reportId })).at(-1)?.signer;
  const peers = await ctx.network.peers(tx, ctx.tenant);
  return peers.find((p) => p.actorId === signer);
}

/**
 * The technical team acknowledges a received report (the region gets a signed receipt), sends
 * it back with reasons (the region gets them, signed), or records that it reviewed the public
 * edition (nothing is sent: publishing is the next step).
 */
export async function decideReport(ctx: ReportsContext, person: Acting, reportId: string, decision: HubDecision) {
  const network = ctx.network;
  const actorId = network.actorId(ctx.tenant);
  const sign = await network.signer(ctx.tenant);
  const changed = await changeReport(
    ctx,
    reportId,
    (report) => decideAction(report, decision, reportActorFor(ctx.tenant, person), ctx.clock()),
    async (report, tx) => {
      await auditReport(ctx, tx, "reports.decide", report, { decision: decision.kind });
      if (decision.kind === "review-public-edition") return;
      const recipient = await recipientOf(ctx, tx, reportId);
      if (recipient === undefined) return;
      const decidedAt = ctx.clock();
      const revision = decision.kind === "acknowledge" ? report.revision : report.revision - 1;
      const message: UnsignedMessage<DecisionMessage> = {
        "@context": REPORTS_CONTEXT,
        type: "ReportDecision",
        id: `${actorId}/reports/${report.id}/revisions/${revision}/${decision.kind}`,
        actor: actorId,
        reportId: report.id,
        revision,
        decision: decision.kind === "acknowledge" ? "acknowledged" : "sent-back",
        reasons: decision.kind === "send-back" ? decision.reasons : [],
        decidedAt: decidedAt.toISOString(),
      };
      await network.enqueue(tx, ctx.tenant, [recipient], await sign(message, decidedAt), false);
    },
  );
  if (changed.ok) network.wake();
  return changed;
}

/** Publishes a reviewed report: its public edition goes to every peered region. */
export async function publishReport(ctx: ReportsContext, person: Acting, reportId: string) {
  const network = ctx.network;
  const actorId = network.actorId(ctx.tenant);
  const sign = await network.signer(ctx.tenant);
  const definitions = await createIndicatorDefinitionRepo(ctx.db, ctx.tenant.id).list();
  const changed = await changeReport(
    ctx,
    reportId,
    (report) => decideAction(report, { kind: "publish" }, reportActorFor(ctx.tenant, person), ctx.clock()),
    async (report, tx) => {
      await auditReport(ctx, tx, "reports.publish", report);
      const publishedAt = report.publishedAt ?? ctx.clock();
      const message: UnsignedMessage<PublicationMessage> = {
        "@context": REPORTS_CONTEXT,
        type: "ReportPublication",
        id: `${actorId}/reports/${report.id}/revisions/${report.revision}/publication`,
        actor: actorId,
        publishedAt: publishedAt.toISOString(),
        report: reportToJson(publicCopyOf(report, definitions)) as PublicationMessage["report"],
        platforms: await platformDirectoryOf(ctx, report, tx),
      };
      await network.enqueue(tx, ctx.tenant, "peers", await sign(message, publishedAt), true);
    },
  );
  if (changed.ok) network.wake();
  return changed;
}

/** What the hub expects of a region in a cycle. */
export async function expectReport(ctx: ReportsContext, expectation: ReportExpectation): Promise<void> {
  await createReportExchangeRepo(ctx.db, ctx.tenant.id).expect(expectation);
}

/** The reports as each region signed them (first submission first), from the kept signed JSON. */
async function signedReports(ctx: ReportsContext, cycle: string): Promise<{ report: Report; receivedAt: Date }[]> {
  const submissions = await createReportExchangeRepo(ctx.db, ctx.tenant.id).submissions({ cycle });
  return submissions.map((s) => ({
    report: reportFromJson((JSON.parse(s.signedJson) as SubmissionMessage).report as ReportJson),
    receivedAt: s.receivedAt,
  }));
}

/**
 * The dashboard of a cycle as of now: each expected report (and each platform section within,
 * with its own due date) on time, late, pending or missing — judged by when it was signed, not
 * when it arrived — beside each region's delivery state.
 */
export async function reportingDashboardOf(ctx: ReportsContext, cycle: string) {
  const exchange = createReportExchangeRepo(ctx.db, ctx.tenant.id);
  const expectations = await exchange.expectations(cycle);
  const received = await signedReports(ctx, cycle);
  const copies = await createReportRepo(ctx.db, ctx.tenant.id).list({ cycle });
  const expected: ExpectedReport[] = [];
  for (const e of expectations) {
    expected.push({ kind: e.kind, region: e.region, platformId: null, dueDate: e.dueDate });
    const latest = copies.find((c) => c.report.region === e.region && c.report.kind === e.kind)?.report;
    const sections = new Map<string, Date>(e.platforms.map((p) => [p, e.dueDate]));
    for (const s of latest?.sections ?? []) if (s.platformId !== null) sections.set(s.platformId, s.dueDate);
    for (const [platformId, dueDate] of sections) {
      expected.push({ kind: e.kind, region: e.region, platformId: platformId as PlatformId, dueDate });
    }
  }
  const receipts: ReceivedReport[] = received.flatMap((r) => receiptsOf(r.report, r.receivedAt));
  const dashboard = reportingDashboard(expected, receipts, ctx.clock());
  const states = Object.fromEntries(
    expectations.map((e) => [
      `${e.region}/${e.kind}`,
      copies.find((c) => c.report.region === e.region && c.report.kind === e.kind)?.report.state ?? null,
    ]),
  ) as Record<string, Report["state"] | null>;
  return { cycle, expectations, dashboard, states, reports: copies.map((c) => c.report) };
}

/** Aggregated indicators of a cycle across regions, from the latest revision the hub holds. */
export async function aggregatedIndicatorsOf(ctx: ReportsContext, cycle: string, kind: ReportKind) {
  const definitions = await createIndicatorDefinitionRepo(ctx.db, ctx.tenant.id).forCycle(cycle);
  const reports = (await createReportRepo(ctx.db, ctx.tenant.id).list({ cycle, kind })).map((s) => s.report);
  const expectations = (await createReportExchangeRepo(ctx.db, ctx.tenant.id).expectations(cycle)).filter(
    (e) => e.kind === kind,
  );
  const expected: ExpectedPlatforms = {};
  const submissions: IndicatorSubmission[] = [];
  for (const e of expectations) expected[e.region] = [...e.platforms] as PlatformId[];
  for (const report of reports) {
    const platforms = new Set<string>(expected[report.region] ?? []);
    for (const section of report.sections) {
      if (section.platformId === null) continue;
      platforms.add(section.platformId);
      submissions.push({ region: report.region, platformId: section.platformId, values: section.content.indicators });
    }
    expected[report.region] = [...platforms] as PlatformId[];
  }
  return { cycle, kind, definitions, aggregates: aggregateIndicators(definitions, submissions, expected) };
}

/**
 * The consolidated report of a cycle for the IPG: one edition per region's report, every
 * statement with its source sections. The public edition needs every report acknowledged or
 * published and its public edition reviewed.
 */
export async function consolidatedReportOf(
  ctx: ReportsContext,
  cycle: string,
  kind: ReportKind,
  edition: EditionKind,
): Promise<Result<ReturnType<typeof consolidate>, ReportsError>> {
  const definitions = await createIndicatorDefinitionRepo(ctx.db, ctx.tenant.id).forCycle(cycle);
  const reports = (await createReportRepo(ctx.db, ctx.tenant.id).list({ cycle, kind }))
    .map((s) => s.report)
    .filter((r) => r.history.length > 0 || r.state === "published");
  const included = edition === "public" ? reports.filter((r) => r.publicReview?.revision === r.revision) : reports;
  const result = consolidate(included, edition, definitions);
  if (result === undefined) return err({ kind: "not-found" });
  return ok(result);
  function consolidate(list: Report[], which: EditionKind, defs: typeof definitions) {
    const outcome = consolidateReports(list, which, which === "public", defs);
    return outcome.ok ? { ...outcome.value, reports: list, definitions: defs } : undefined;
  }
}

export type RegionDeliveryState = Record<`${RegionCode}/${ReportKind}`, Report["state"] | null>;
