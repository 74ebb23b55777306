import type { ReportRefusal } from "../domain/actions.ts";
import type { EditionRefusal } from "../domain/edition.ts";
import type { IndicatorProblem } from "../domain/indicator.ts";

/** Every expected failure of the reports use-cases; routes map each to one problem. */
export type ReportsError =
  | { kind: "not-found" }
  | { kind: "forbidden" }
  | { kind: "refused"; refusal: ReportRefusal }
  | { kind: "invalid-indicators"; problems: IndicatorProblem[] }
  | { kind: "invalid"; field: string; code: "cycle" | "due-date" | "kind" | "no-platforms" }
  | { kind: "report-exists" }
  | { kind: "stale" }
  | { kind: "not-peered" }
  | { kind: "edition"; refusal: EditionRefusal };
