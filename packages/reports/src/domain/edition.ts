import type { Locale, RegionCode } from "@dynamo/core";
import { err, ok, type PlatformId, type Result } from "@dynamo/core";
import { type IndicatorDefinition, type IndicatorValue, isSensitiveValue } from "./indicator.ts";
import type { Report, ReportActivity, ReportId, ReportKind, ReportState, SectionId } from "./report.ts";

/**
 * The two editions of a report. The internal edition (regions, the hub, the IPG) has everything.
 * The public edition leaves out every sensitive field — texts the author marked sensitive,
 * synthesis statements marked sensitive, indicator values whose definition is sensitive or
 * unknown — and exists only for a report the hub acknowledged and whose public edition a person
 * has reviewed.
 */
export type EditionKind = "internal" | "public";

/** Where a statement comes from: a section of a region's report. */
export interface StatementSource {
  region: RegionCode;
  reportId: ReportId;
  sectionId: SectionId;
  platformId: PlatformId | null;
  locale: Locale;
}

export interface TracedStatement {
  text: string;
  sensitive: boolean;
  sources: StatementSource[];
}

export interface EditionSection {
  id: SectionId;
  platformId: PlatformId | null;
  locale: Locale;
  texts: Record<string, string>;
  indicators: IndicatorValue[];
  activities: ReportActivity[];
}

export interface ReportEdition {
  edition: EditionKind;
  reportId: ReportId;
  kind: ReportKind;
  region: RegionCode;
  cycle: string;
  revision: number;
  sections: EditionSection[];
  synthesis: { locale: Locale; statements: TracedStatement[] } | null;
  /** How many fields the edition left out (0 for the internal edition). */
  withheld: number;
}

export type EditionRefusal =
  | { kind: "review-required"; reportId: ReportId }
  | { kind: "not-allowed-in-state"; reportId: ReportId; state: ReportState }
  | { kind: "unresolved-source"; reportId: ReportId; statementIndex: number; sectionId: SectionId };

const PUBLISHABLE: readonly ReportState[] = ["acknowledged", "published"];

/**
 * The report's current content as an edition. `reviewApproved` is whether a person of the hub
 * reviewed this revision's public edition (normally `report.publicReview?.revision ===
 * report.revision`); it is required for the public edition only.
 */
export function editionOf(
  report: Report,
  edition: EditionKind,
  reviewApproved: boolean,
  definitions: readonly IndicatorDefinition[],
): Result<ReportEdition, EditionRefusal> {
  if (edition === "public") {
    if (!PUBLISHABLE.includes(report.state)) {
      return err({ kind: "not-allowed-in-state", reportId: report.id, state: report.state });
    }
    if (!reviewApproved) return err({ kind: "review-required", reportId: report.id });
  }
  const trace = traceSynthesis(report);
  const unresolved = trace.unresolved[0];
  if (unresolved !== undefined) return err({ kind: "unresolved-source", reportId: report.id, ...unresolved });
  const keep = edition === "internal" ? () => true : (sensitive: boolean) => !sensitive;
  let withheld = 0;
  const count = <T>(items: readonly T[], kept: readonly T[]) => {
    withheld += items.length - kept.length;
    return kept;
  };
  const sections = report.sections.map((section): EditionSection => {
    const entries = Object.entries(section.content.texts);
    const texts = count(
      entries,
      entries.filter(([, t]) => keep(t.sensitive)),
    );
    return {
      id: section.id,
      platformId: section.platformId,
      locale: section.locale,
      texts: Object.fromEntries(texts.map(([field, t]) => [field, t.text])),
      indicators: [
        ...count(
          section.content.indicators,
          section.content.indicators.filter((v) => keep(isSensitiveValue(definitions, v))),
        ),
      ],
      activities: [...section.content.activities],
    };
  });
  const synthesis =
    report.synthesis === null
      ? null
      : {
          locale: report.synthesis.locale,
          statements: [
            ...count(
              trace.statements,
              trace.statements.filter((s) => keep(s.sensitive)),
            ),
          ],
        };
  return ok({
    edition,
    reportId: report.id,
    kind: report.kind,
    region: report.region,
    cycle: report.cycle,
    revision: report.revision,
    sections,
    synthesis,
    withheld,
  });
}

/**
 * Resolves every synthesis statement to the sections it draws on. The workflow refuses a link to
 * an unknown section, so `unresolved` is empty for any report it produced; it is checked again
 * here for reports that come from elsewhere (a peer's payload).
 */
export function traceSynthesis(report: Report): {
  statements: TracedStatement[];
  unresolved: { statementIndex: number; sectionId: SectionId }[];
} {
  const unresolved: { statementIndex: number; sectionId: SectionId }[] = [];
  const statements = (report.synthesis?.statements ?? []).map((statement, statementIndex): TracedStatement => {
    const sources: StatementSource[] = [];
    for (const sectionId of statement.sourceSectionIds) {
      const section = report.sections.find((s) => s.id === sectionId);
      if (section === undefined) {
        unresolved.push({ statementIndex, sectionId });
        continue;
      }
      sources.push({
        region: report.region,
        reportId: report.id,
        sectionId,
        platformId: section.platformId,
        locale: section.locale,
      });
    }
    return { text: statement.text, sensitive: statement.sensitive, sources };
  });
  return { statements, unresolved };
}

/**
 * The hub's consolidated report of a cycle for the IPG: one edition per region's report, every
 * statement still carrying its sources (region, report, section). The public consolidated edition
 * needs every included report to be publishable and the consolidated review to be done.
 */
export function consolidateReports(
  reports: readonly Report[],
  edition: EditionKind,
  reviewApproved: boolean,
  definitions: readonly IndicatorDefinition[],
): Result<{ edition: EditionKind; regions: ReportEdition[]; withheld: number }, EditionRefusal> {
  const regions: ReportEdition[] = [];
  for (const report of [...reports].sort((a, b) => a.region.localeCompare(b.region))) {
    const one = editionOf(report, edition, reviewApproved, definitions);
    if (!one.ok) return one;
    regions.push(one.value);
  }
  return ok({ edition, regions, withheld: regions.reduce((n, r) => n + r.withheld, 0) });
}
