import { type IndicatorDefinition, isSensitiveValue } from "../domain/indicator.ts";
import type { Report, ReportSection } from "../domain/report.ts";

/**
 * The report as the public may see it: every sensitive text, statement and indicator value left
 * out (an unknown definition counts as sensitive), and no internal trail (history, events). This
 * is what the hub sends to other regions when it publishes, and what public pages read.
 */
export function publicCopyOf(report: Report, definitions: readonly IndicatorDefinition[]): Report {
  const section = (s: ReportSection): ReportSection => ({
    ...s,
    content: {
      texts: Object.fromEntries(Object.entries(s.content.texts).filter(([, t]) => !t.sensitive)),
      indicators: s.content.indicators.filter((v) => !isSensitiveValue(definitions, v)),
      activities: s.content.activities,
    },
    returnReason: null,
  });
  return {
    ...report,
    sections: report.sections.map(section),
    synthesis:
      report.synthesis === null
        ? null
        : { ...report.synthesis, statements: report.synthesis.statements.filter((s) => !s.sensitive) },
    history: [],
    events: [],
  };
}
