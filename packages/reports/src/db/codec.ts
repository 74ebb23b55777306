import type { Report } from "../domain/report.ts";

/** The keys of a report whose values are instants (Date in memory, ISO 8601 text in JSON). */
const DATE_KEYS = new Set([
  "dueDate",
  "submittedAt",
  "firstSubmittedAt",
  "writtenAt",
  "approvedAt",
  "publishedAt",
  "acknowledgedAt",
  "at",
]);

export type ReportJson = Record<string, unknown>;

/** A report as plain JSON: instants as ISO 8601 text. */
export function reportToJson(report: Report): ReportJson {
  return JSON.parse(JSON.stringify(report)) as ReportJson;
}

/**
 * A report from its JSON form. The JSON must have come from reportToJson (or have been checked
 * against the wire schema): only the instants are revived, nothing else is checked here.
 */
export function reportFromJson(json: ReportJson): Report {
  return revive(json) as Report;
}

function revive(value: unknown, key?: string): unknown {
  if (typeof value === "string" && key !== undefined && DATE_KEYS.has(key)) {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw new Error(`report JSON: ${key} is not an instant: ${value}`);
    return date;
  }
  if (Array.isArray(value)) return value.map((item) => revive(item));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = revive(v, k);
    return out;
  }
  return value;
}
