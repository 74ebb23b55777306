import type { PlatformId, RegionCode } from "@dynamo/core";
import type { Report, ReportKind } from "./report.ts";

/**
 * The timeliness rule.
 *
 * A report (or a platform's section) is on time when it was *signed* no later than its due
 * date — not when the hub happened to receive it. Signing is what the region does: the
 * coordinator's submission signs the report on the region's own node, and that moment is
 * covered by the report's integrity proof. Delivery is what the network does: a region whose
 * connection is down at the due date keeps its signed report in its outbox and the hub gets it
 * days later. Judging by reception would punish a region for its infrastructure, which the
 * network exists to support, not to rank. So:
 *
 * - signed on or before the due date → on time, even if received after it (`deliveredAfterDue`
 *   says so, for the dashboard to show);
 * - signed after the due date → late, but received: it counts as received, never as missing;
 * - not received by `now` → pending until the due date passes, then missing;
 * - a signing time later than the reception (a region's clock ahead) counts as the reception;
 * - only the first submission counts: a report the hub sends back and gets again later was
 *   still received when it was first signed. A revision is not a new deadline.
 *
 * The signing time is the region's own statement; the hub cannot prove a clock was right, as it
 * cannot for a vote. The dashboard shows signing and reception side by side so that a long gap
 * is visible to people, who can ask about it.
 */
export type Timeliness = "on-time" | "late";

export interface TimelinessJudgement {
  timeliness: Timeliness;
  /** The time judged: the signing time, or the reception when the signing claims to be later. */
  countedAt: Date;
  deliveredAfterDue: boolean;
}

export function judgeTimeliness(dueDate: Date, signedAt: Date, receivedAt: Date): TimelinessJudgement {
  const countedAt = signedAt.getTime() <= receivedAt.getTime() ? signedAt : receivedAt;
  return {
    timeliness: countedAt.getTime() <= dueDate.getTime() ? "on-time" : "late",
    countedAt,
    deliveredAfterDue: receivedAt.getTime() > dueDate.getTime(),
  };
}

/**
 * What the hub expects in a cycle: a region's report (platformId null) or, within it, a
 * platform's section (its own due date, set by the coordinator).
 */
export interface ExpectedReport {
  kind: ReportKind;
  region: RegionCode;
  platformId: PlatformId | null;
  dueDate: Date;
}

/** What the hub received: one entry per submission (revisions included; the first counts). */
export interface ReceivedReport {
  kind: ReportKind;
  region: RegionCode;
  platformId: PlatformId | null;
  signedAt: Date;
  receivedAt: Date;
}

export type ReportingStatus =
  | { kind: "on-time" | "late"; signedAt: Date; receivedAt: Date; deliveredAfterDue: boolean }
  | { kind: "pending" }
  | { kind: "missing" };

export interface ReportingCounts {
  expected: number;
  received: number;
  onTime: number;
  late: number;
  /** Not received and past due. */
  missing: number;
  /** Not received, not yet due. */
  pending: number;
}

export interface DashboardEntry extends ExpectedReport {
  status: ReportingStatus;
}

export interface RegionReporting {
  region: RegionCode;
  /** The region's own reports. */
  reports: ReportingCounts;
  /** Its platforms' sections, all together. */
  sections: ReportingCounts;
  platforms: { platformId: PlatformId; counts: ReportingCounts }[];
}

export interface ReportingDashboard {
  /** The regions' reports across the network. */
  network: ReportingCounts;
  regions: RegionReporting[];
  entries: DashboardEntry[];
  /** Received but not expected (an unknown platform, a report not asked for): shown, not counted. */
  unexpected: ReceivedReport[];
}

/**
 * Expected, received, on time, late and missing reports as of `now`, per region and per
 * platform within the region. Something received after `now` is not yet received.
 */
export function reportingDashboard(
  expected: readonly ExpectedReport[],
  received: readonly ReceivedReport[],
  now: Date,
): ReportingDashboard {
  const arrived = received.filter((r) => r.receivedAt.getTime() <= now.getTime());
  const entries = expected.map((e): DashboardEntry => ({ ...e, status: statusOf(e, arrived, now) }));
  const unexpected = arrived.filter((r) => !expected.some((e) => sameSlot(e, r)));
  const regionCodes = [...new Set(expected.map((e) => e.region))].sort();
  const regions = regionCodes.map((region): RegionReporting => {
    const own = entries.filter((e) => e.region === region);
    const sections = own.filter((e) => e.platformId !== null);
    const platformIds = [...new Set(sections.flatMap((e) => (e.platformId === null ? [] : [e.platformId])))].sort();
    return {
      region,
      reports: countEntries(own.filter((e) => e.platformId === null)),
      sections: countEntries(sections),
      platforms: platformIds.map((platformId) => ({
        platformId,
        counts: countEntries(sections.filter((e) => e.platformId === platformId)),
      })),
    };
  });
  return { network: countEntries(entries.filter((e) => e.platformId === null)), regions, entries, unexpected };
}

function sameSlot(a: Omit<ExpectedReport, "dueDate">, b: Omit<ExpectedReport, "dueDate">): boolean {
  return a.kind === b.kind && a.region === b.region && a.platformId === b.platformId;
}

function statusOf(expected: ExpectedReport, received: readonly ReceivedReport[], now: Date): ReportingStatus {
  const first = received
    .filter((r) => sameSlot(expected, r))
    .map((r) => ({ r, judged: judgeTimeliness(expected.dueDate, r.signedAt, r.receivedAt) }))
    .sort((a, b) => a.judged.countedAt.getTime() - b.judged.countedAt.getTime())[0];
  if (first === undefined) return { kind: now.getTime() > expected.dueDate.getTime() ? "missing" : "pending" };
  return {
    kind: first.judged.timeliness,
    signedAt: first.r.signedAt,
    receivedAt: first.r.receivedAt,
    deliveredAfterDue: first.judged.deliveredAfterDue,
  };
}

export function countEntries(entries: readonly DashboardEntry[]): ReportingCounts {
  const counts: ReportingCounts = { expected: 0, received: 0, onTime: 0, late: 0, missing: 0, pending: 0 };
  for (const entry of entries) {
    counts.expected += 1;
    switch (entry.status.kind) {
      case "on-time":
        counts.received += 1;
        counts.onTime += 1;
        break;
      case "late":
        counts.received += 1;
        counts.late += 1;
        break;
      case "missing":
        counts.missing += 1;
        break;
      case "pending":
        counts.pending += 1;
        break;
    }
  }
  return counts;
}

/**
 * What the hub records on receiving a region's report: the report itself, signed at its first
 * submission, and each platform section it carries, signed when the platform first submitted it.
 */
export function receiptsOf(report: Report, receivedAt: Date): ReceivedReport[] {
  if (report.firstSubmittedAt === null) return [];
  const base = { kind: report.kind, region: report.region, receivedAt };
  const receipts: ReceivedReport[] = [{ ...base, platformId: null, signedAt: report.firstSubmittedAt }];
  for (const section of report.sections) {
    if (section.platformId === null || section.firstSubmittedAt === null) continue;
    receipts.push({ ...base, platformId: section.platformId, signedAt: section.firstSubmittedAt });
  }
  return receipts;
}
