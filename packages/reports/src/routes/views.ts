import { pickLocalized, REGION_NAMES } from "@dynamo/core";
import type { MessageKey, Translator } from "@dynamo/ui";
import type { BaselineComparison } from "../domain/baseline.ts";
import { type ReportEdition, traceSynthesis } from "../domain/edition.ts";
import {
  breakdownCategories,
  type IndicatorDefinition,
  type IndicatorValue,
  POPULATION_GROUPS,
} from "../domain/indicator.ts";
import { reminderLevel } from "../domain/reminders.ts";
import { type Report, sectionFieldsOf } from "../domain/report.ts";
import type { EditionReportView } from "../views/edition-page.tsx";
import type { IndicatorInputView, ReportListItem, ReportView, SectionView } from "../views/views.ts";
import type { PlatformDirectory } from "../wire/messages.ts";

export const regionName = (t: Translator, report: Pick<Report, "region">) =>
  REGION_NAMES[report.region][t.locale] ?? report.region;

export function platformLabel(t: Translator, directory: PlatformDirectory, platformId: string | null): string {
  if (platformId === null) return t("reports.coordination");
  const entry = directory[platformId];
  return entry === undefined ? platformId : (pickLocalized(entry.names, t.locale) ?? entry.countryCode);
}

export const categoryLabel = (t: Translator, category: string) =>
  (POPULATION_GROUPS as readonly string[]).includes(category) ? t(`reports.group.${category}` as MessageKey) : category;

export const indicatorLabel = (t: Translator, definitions: readonly IndicatorDefinition[], key: string) => {
  const definition = definitions.find((d) => d.key === key);
  return definition === undefined ? key : (pickLocalized(definition.labels, t.locale) ?? key);
};

export const unitLabel = (t: Translator, definitions: readonly IndicatorDefinition[], value: { key: string }) => {
  const unit = definitions.find((d) => d.key === value.key)?.unit;
  return unit === undefined ? "" : t(`reports.unit.${unit}` as MessageKey);
};

function breakdownText(t: Translator, value: IndicatorValue): string {
  return Object.entries(value.byCategory ?? {})
    .map(([category, n]) => `${categoryLabel(t, category)}: ${n}`)
    .join(" · ");
}

export function reportListItem(t: Translator, report: Report, now: Date): ReportListItem {
  return {
    id: report.id,
    kind: report.kind,
    regionName: regionName(t, report),
    cycle: report.cycle,
    state: report.state,
    dueDate: report.dueDate,
    reminder: report.history.length > 0 ? "none" : reminderLevel(report.dueDate, now, report.state),
  };
}

export interface ViewerRights {
  /** May this viewer edit the section (its author, unlocked)? */
  canEdit: (section: Report["sections"][number]) => boolean;
  canReturn: boolean;
}

/** The report as its page shows it: the internal edition, names resolved, rights applied. */
export function reportView(
  t: Translator,
  report: Report,
  options: {
    directory: PlatformDirectory;
    definitions: readonly IndicatorDefinition[];
    rights: ViewerRights;
    /** A status report's indicators against its diagnosis baseline. */
    baseline: readonly BaselineComparison[] | undefined;
    now: Date;
  },
): ReportView {
  const { directory, definitions } = options;
  const sections: SectionView[] = report.sections.map((s) => ({
    id: s.id,
    platformName: platformLabel(t, directory, s.platformId),
    locale: s.locale,
    status: s.status,
    dueDate: s.dueDate,
    submittedAt: s.submittedAt,
    returnReason: s.returnReason,
    reminder: reminderLevel(s.dueDate, options.now, s.status),
    canEdit: options.rights.canEdit(s),
    canReturn: options.rights.canReturn && s.status === "submitted",
    texts: Object.entries(s.content.texts)
      .filter(([, text]) => text.text.trim() !== "")
      .map(([field, text]) => ({
        field,
        label: t(`reports.text.${field}` as MessageKey),
        text: text.text,
        sensitive: text.sensitive,
      })),
    indicators: s.content.indicators.map((v) => ({
      label: indicatorLabel(t, definitions, v.key),
      total: v.total,
      unit: unitLabel(t, definitions, v),
      sensitive: definitions.find((d) => d.key === v.key && d.version === v.version)?.sensitive ?? true,
      breakdown: breakdownText(t, v),
    })),
    activities: [...s.content.activities],
  }));
  const traced = traceSynthesis(report).statements;
  return {
    id: report.id,
    kind: report.kind,
    regionName: regionName(t, report),
    cycle: report.cycle,
    state: report.state,
    dueDate: report.dueDate,
    revision: report.revision,
    reminder: report.history.length > 0 ? "none" : reminderLevel(report.dueDate, options.now, report.state),
    sections,
    synthesis:
      report.synthesis === null
        ? null
        : {
            locale: report.synthesis.locale,
            statements: traced.map((s) => ({
              text: s.text,
              sensitive: s.sensitive,
              sources: s.sources.map((src) => ({
                sectionId: src.sectionId,
                label: platformLabel(t, directory, src.platformId),
              })),
            })),
          },
    history: report.history.map((h) => ({
      revision: h.revision,
      submittedAt: h.submittedAt,
      acknowledgedAt: h.acknowledgedAt,
      sentBack: h.sentBack,
    })),
    baseline: options.baseline === undefined ? null : baselineRows(t, options.baseline, definitions),
    publicReviewed: report.publicReview?.revision === report.revision,
  };
}

/** The comparisons with the diagnosis baseline, each labelled by the definition it was counted under now. */
function baselineRows(
  t: Translator,
  comparisons: readonly BaselineComparison[],
  definitions: readonly IndicatorDefinition[],
): NonNullable<ReportView["baseline"]> {
  return comparisons.map((c) => {
    const version = "version" in c ? c.version : c.baselineVersion;
    const definition = definitions.find((d) => d.key === c.key && d.version === version);
    return {
      label: (definition && pickLocalized(definition.labels, t.locale)) ?? indicatorLabel(t, definitions, c.key),
      status: c.status,
      current: "current" in c ? c.current : null,
      baseline: "baseline" in c ? c.baseline : null,
      delta: "delta" in c ? c.delta : null,
    };
  });
}

export function indicatorInputs(
  t: Translator,
  definitions: readonly IndicatorDefinition[],
  values: readonly IndicatorValue[],
): IndicatorInputView[] {
  return definitions.map((d) => {
    const value = values.find((v) => v.key === d.key && v.version === d.version);
    return {
      key: d.key,
      version: d.version,
      label: pickLocalized(d.labels, t.locale) ?? d.key,
      unit: t(`reports.unit.${d.unit}` as MessageKey),
      sensitive: d.sensitive,
      categories: breakdownCategories(d.breakdown).map((key) => ({ key, label: categoryLabel(t, key) })),
      total: value?.total ?? null,
      byCategory: { ...(value?.byCategory ?? {}) },
    };
  });
}

export function sectionFields(t: Translator, report: Report, section: Report["sections"][number]) {
  const fields = [...sectionFieldsOf(report.kind, section.platformId)];
  for (const field of Object.keys(section.content.texts)) if (!fields.includes(field)) fields.push(field);
  if (report.kind === "activity" && !fields.includes("summary")) fields.push("summary");
  return fields.map((field) => ({
    field,
    label: t(`reports.text.${field}` as MessageKey),
    text: section.content.texts[field]?.text ?? "",
    sensitive: section.content.texts[field]?.sensitive ?? false,
  }));
}

/** An edition (internal or public) as the printable page shows it; anchors are unique per report. */
export function editionView(
  t: Translator,
  edition: ReportEdition,
  directory: PlatformDirectory,
  definitions: readonly IndicatorDefinition[],
): EditionReportView {
  const anchor = (sectionId: string) => `r-${edition.reportId}-s-${sectionId}`;
  return {
    regionName: regionName(t, edition),
    kind: edition.kind,
    cycle: edition.cycle,
    revision: edition.revision,
    sections: edition.sections.map((s) => ({
      anchor: anchor(s.id),
      platformName: platformLabel(t, directory, s.platformId),
      locale: s.locale,
      texts: Object.entries(s.texts).map(([field, text]) => ({
        label: t(`reports.text.${field}` as MessageKey),
        text,
      })),
      indicators: s.indicators.map((v) => ({
        label: indicatorLabel(t, definitions, v.key),
        total: v.total,
        unit: unitLabel(t, definitions, v),
      })),
      activities: s.activities.map((a) => ({
        title: a.title,
        kind: t(`reports.activity.${a.kind}` as MessageKey),
        startedOn: a.startedOn,
      })),
    })),
    statements: (edition.synthesis?.statements ?? []).map((s) => ({
      text: s.text,
      locale: edition.synthesis?.locale ?? "en",
      sources: s.sources.map((src) => ({
        anchor: anchor(src.sectionId),
        label: `${regionName(t, src)} › ${platformLabel(t, directory, src.platformId)}`,
      })),
    })),
  };
}
