import type { Result } from "@dynamo/core";

/** The four continents the IPG rotates among: one per regional coordination. */
export const CONTINENTS = ["AF", "AM", "AS", "EU"] as const;
export type Continent = (typeof CONTINENTS)[number];

export const isContinent = (value: unknown): value is Continent =>
  typeof value === "string" && (CONTINENTS as readonly string[]).includes(value);

/** One past (or planned) IPG: its year, its host continent and, for a repeat, the reason recorded. */
export interface HostingRecord {
  year: number;
  continent: Continent;
  repeatReason: string | null;
}

/**
 * The host continent proposed for the next IPG: the one that hosted least recently, a continent
 * that never hosted counting as longest ago (ties go in the fixed order Africa, Americas, Asia,
 * Europe, so the proposal is the same on every node).
 */
export function proposeNextHost(history: readonly HostingRecord[]): Continent {
  const lastHosted = new Map<Continent, number>();
  for (const record of history) {
    const before = lastHosted.get(record.continent);
    if (before === undefined || record.year > before) lastHosted.set(record.continent, record.year);
  }
  let best: Continent = CONTINENTS[0];
  let bestYear = Number.POSITIVE_INFINITY;
  for (const continent of CONTINENTS) {
    const year = lastHosted.get(continent) ?? Number.NEGATIVE_INFINITY;
    if (year < bestYear) {
      best = continent;
      bestYear = year;
    }
  }
  return best;
}

export type HostRefusal =
  | { kind: "repeat-without-reason"; continent: Continent; previousYear: number }
  | { kind: "year-taken"; year: number }
  | { kind: "year-not-after-last"; year: number; lastYear: number };

/**
 * Whether `continent` may host the IPG of `year`: the same continent twice in a row only with a
 * recorded reason; one edition per year, after the last one.
 */
export function checkHost(
  history: readonly HostingRecord[],
  year: number,
  continent: Continent,
  repeatReason: string | null,
): Result<HostingRecord, HostRefusal> {
  if (history.some((r) => r.year === year)) return { ok: false, error: { kind: "year-taken", year } };
  const last = [...history].sort((a, b) => b.year - a.year)[0];
  if (last !== undefined && year < last.year) {
    return { ok: false, error: { kind: "year-not-after-last", year, lastYear: last.year } };
  }
  const reason = repeatReason?.trim() ?? "";
  if (last !== undefined && last.continent === continent && reason === "") {
    return { ok: false, error: { kind: "repeat-without-reason", continent, previousYear: last.year } };
  }
  return { ok: true, value: { year, continent, repeatReason: reason === "" ? null : reason } };
}

/** The network's IPG history as recorded in its programme: 2024 in Africa, 2026 in Asia. */
export const IPG_HISTORY: readonly HostingRecord[] = [
  { year: 2024, continent: "AF", repeatReason: null },
  { year: 2026, continent: "AS", repeatReason: null },
];
