import type { Brand, Locale, PlatformId, RegionCode } from "@dynamo/core";
import type { IndicatorValue } from "./indicator.ts";

export type ReportId = Brand<string, "ReportId">;
export type SectionId = Brand<string, "SectionId">;

/**
 * The three reports of a regional coordination: the social diagnosis (per region and period,
 * the baseline), the annual activity report, and the biennial status report.
 */
export const REPORT_KINDS = ["diagnosis", "activity", "status"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/**
 * Where a report stands. `collecting`: sections requested, some not yet submitted. `synthesis`:
 * every section is in, the coordinator writes the synthesis. `approved`: the region approved it,
 * everything is locked. `submitted`: signed and sent to the hub. `acknowledged`: the hub gave its
 * receipt. `published`: the hub published it. `revising`: after a submission, the region works on
 * a new revision — because the hub sent it back with reasons, or because the coordinator reopened
 * an acknowledged or published report to correct it; the submitted revisions stay in `history`.
 */
export const REPORT_STATES = [
  "draft",
  "collecting",
  "synthesis",
  "approved",
  "submitted",
  "revising",
  "acknowledged",
  "published",
] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/**
 * A section: requested → in-progress (saved) → submitted (locked) ⇄ returned (unlocked, with the
 * coordinator's reason; it stays `returned`, reason shown, while its platform edits it, until it
 * is submitted again).
 */
export const SECTION_STATUSES = ["requested", "in-progress", "submitted", "returned"] as const;
export type SectionStatus = (typeof SECTION_STATUSES)[number];

/** A free text of a section; the author marks it sensitive when it is about identifiable street populations. */
export interface SectionText {
  text: string;
  sensitive: boolean;
}

/** What the network counts as an activity of a region (annual activity report). */
export const ACTIVITY_KINDS = ["pilot-group", "advocacy", "training", "field-visit", "other"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface ReportActivity {
  kind: ActivityKind;
  title: string;
  /** ISO date (YYYY-MM-DD) the activity started. */
  startedOn: string;
  participants: number | null;
  description: string;
}

/**
 * The content of a section. Which texts are required depends on the report's kind
 * (SECTION_FIELDS); diagnosis and status sections carry indicator values; activity sections
 * carry activities.
 */
export interface SectionContent {
  texts: Readonly<Record<string, SectionText>>;
  indicators: readonly IndicatorValue[];
  activities: readonly ReportActivity[];
}

/**
 * A section of a report: one per national platform, written in the platform's language, or
 * the coordination's own (platformId null, written by the regional coordinator — the
 * coordination's activities in an activity report).
 */
export interface ReportSection {
  id: SectionId;
  platformId: PlatformId | null;
  locale: Locale;
  dueDate: Date;
  status: SectionStatus;
  content: SectionContent;
  /** When it was last submitted (null before). */
  submittedAt: Date | null;
  /** When it was first submitted: the time its timeliness is judged by. */
  firstSubmittedAt: Date | null;
  /** Why the coordinator sent it back, while it is returned. */
  returnReason: string | null;
}

/** The texts each kind of section must have before it can be submitted. */
export const SECTION_FIELDS: Record<ReportKind, readonly string[]> = {
  diagnosis: ["direct-impacts", "indirect-impacts"],
  activity: [],
  status: ["situation", "results", "difficulties"],
};

/**
 * The texts a section must have: a platform's, by the report's kind; the coordination's section
 * of a status report lists the period's activities and needs none (an activity report's needs
 * none either).
 */
export function sectionFieldsOf(kind: ReportKind, platformId: PlatformId | null): readonly string[] {
  return kind === "status" && platformId === null ? [] : SECTION_FIELDS[kind];
}

/** Whether a section lists activities: an activity report's, and a status report's coordination section (the period's). */
export function listsActivities(kind: ReportKind, platformId: PlatformId | null): boolean {
  return kind === "activity" || (kind === "status" && platformId === null);
}

/** Whether a section carries indicator values: a platform's, in a diagnosis or a status report. */
export function carriesIndicators(kind: ReportKind, platformId: PlatformId | null): boolean {
  return kind !== "activity" && platformId !== null;
}

/**
 * The years whose activities a cycle's report lists: its year ("2025"), or the biennial period
 * from the first year up to the next IPG's ("2024-2026": 2024 and 2025; each year in one period).
 */
export function cycleYears(cycle: string): number[] {
  const match = /^(\d{4})(?:-(\d{4}))?$/.exec(cycle);
  if (match === null) return [];
  const first = Number(match[1]);
  const last = match[2] === undefined ? first + 1 : Number(match[2]);
  if (last <= first) return [first];
  return Array.from({ length: Math.min(last - first, 10) }, (_, i) => first + i);
}

/** One statement of the coordinator's synthesis, linked to the sections it draws on. */
export interface SynthesisStatement {
  text: string;
  sourceSectionIds: readonly SectionId[];
  sensitive: boolean;
}

/** The coordinator's synthesis: the regional reading (diagnosis), the summary (activity), the synthesis (status). */
export interface Synthesis {
  locale: Locale;
  statements: readonly SynthesisStatement[];
  writtenAt: Date;
}

/** The content of one submitted revision, kept as it was sent. */
export interface ReportRevision {
  revision: number;
  submittedAt: Date;
  submittedBy: string;
  sections: readonly ReportSection[];
  synthesis: Synthesis | null;
  /** Filled when the hub acknowledged this revision. */
  acknowledgedAt: Date | null;
  /** Filled when the hub sent this revision back. */
  sentBack: { at: Date; reasons: readonly string[] } | null;
  /** Filled when the region reopened this revision to correct it after acknowledgement or publication. */
  reopened: { at: Date; reason: string } | null;
}

/** One applied action, for the report's audit trail. */
export interface ReportEvent {
  action: string;
  actorId: string;
  role: string;
  at: Date;
  revision: number;
  sectionId: SectionId | null;
  reason: string | null;
}

export interface Report {
  id: ReportId;
  kind: ReportKind;
  region: RegionCode;
  /** The reporting cycle, e.g. "2025" for an activity report, "2024-2026" for a status report. */
  cycle: string;
  dueDate: Date;
  state: ReportState;
  /** The revision being worked on, or the last one submitted. Starts at 1. */
  revision: number;
  sections: readonly ReportSection[];
  synthesis: Synthesis | null;
  approvedAt: Date | null;
  /** First submission to the hub: what timeliness is judged by (see timeliness.ts). */
  firstSubmittedAt: Date | null;
  /** The public-edition review of the current revision, by the hub's technical team. */
  publicReview: { by: string; at: Date; revision: number } | null;
  /** The last publication; kept when a published report is reopened for correction. */
  publishedAt: Date | null;
  /** Every submitted revision, oldest first. */
  history: readonly ReportRevision[];
  events: readonly ReportEvent[];
}

export interface NewReport {
  id: ReportId;
  kind: ReportKind;
  region: RegionCode;
  cycle: string;
  dueDate: Date;
}

/** A new report, in draft, before any section is requested. */
export function createReport(input: NewReport): Report {
  return {
    ...input,
    state: "draft",
    revision: 1,
    sections: [],
    synthesis: null,
    approvedAt: null,
    firstSubmittedAt: null,
    publicReview: null,
    publishedAt: null,
    history: [],
    events: [],
  };
}

export const EMPTY_CONTENT: SectionContent = { texts: {}, indicators: [], activities: [] };

/** States in which the region may still change the content. */
export const EDITABLE_STATES: readonly ReportState[] = ["collecting", "synthesis", "revising"];

/** Can this section's content be changed now? Only by its author, only while unlocked. */
export function isSectionLocked(report: Report, section: ReportSection): boolean {
  if (!EDITABLE_STATES.includes(report.state)) return true;
  return section.status === "submitted";
}

/** The texts a section still lacks before it can be submitted. */
export function missingSectionFields(
  kind: ReportKind,
  platformId: PlatformId | null,
  content: SectionContent,
): string[] {
  return sectionFieldsOf(kind, platformId).filter((field) => (content.texts[field]?.text.trim() ?? "") === "");
}
