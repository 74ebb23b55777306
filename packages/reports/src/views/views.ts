import type { Locale } from "@dynamo/core";
import type { ReminderLevel } from "../domain/reminders.ts";
import type { ActivityKind, ReportKind, ReportState, SectionStatus } from "../domain/report.ts";

/** What the reports pages show, prepared by the routes: names resolved, permissions decided. */
export interface IndicatorInputView {
  key: string;
  version: number;
  label: string;
  unit: string;
  sensitive: boolean;
  categories: { key: string; label: string }[];
  total: number | null;
  byCategory: Record<string, number | undefined>;
}

export interface SectionView {
  id: string;
  platformName: string;
  locale: Locale;
  status: SectionStatus;
  dueDate: Date;
  submittedAt: Date | null;
  returnReason: string | null;
  reminder: ReminderLevel;
  canEdit: boolean;
  canReturn: boolean;
  texts: { field: string; label: string; text: string; sensitive: boolean }[];
  indicators: { label: string; total: number; unit: string; sensitive: boolean; breakdown: string }[];
  activities: {
    kind: ActivityKind;
    title: string;
    startedOn: string;
    participants: number | null;
    description: string;
  }[];
}

export interface StatementView {
  text: string;
  sensitive: boolean;
  sources: { sectionId: string; label: string }[];
}

export interface BaselineRowView {
  label: string;
  status: "changed" | "unchanged" | "new" | "missing" | "redefined";
  current: number | null;
  baseline: number | null;
  delta: number | null;
}

export interface ReportView {
  id: string;
  kind: ReportKind;
  regionName: string;
  cycle: string;
  state: ReportState;
  dueDate: Date;
  revision: number;
  reminder: ReminderLevel;
  sections: SectionView[];
  synthesis: { locale: Locale; statements: StatementView[] } | null;
  history: {
    revision: number;
    submittedAt: Date;
    acknowledgedAt: Date | null;
    sentBack: { at: Date; reasons: readonly string[] } | null;
  }[];
  baseline: BaselineRowView[] | null;
  publicReviewed: boolean;
}

export interface ReportActionsView {
  canSynthesize: boolean;
  canApprove: boolean;
  canSubmit: boolean;
  canDecide: boolean;
  canExport: boolean;
}

export interface ReportListItem {
  id: string;
  kind: ReportKind;
  regionName: string;
  cycle: string;
  state: ReportState;
  dueDate: Date;
  reminder: ReminderLevel;
}
