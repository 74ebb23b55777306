import type { LocalizedText } from "@dynamo/core";

/**
 * Indicators of the regional social diagnosis (and of the status report that is read against it).
 *
 * A definition is data, published by the hub for each reporting cycle. It is identified by its
 * `key` (stable across cycles, e.g. "people-reached") and its `version` (bumped whenever the
 * meaning of the number changes: a new unit, a new population group, a different way of counting).
 * A cycle that keeps a definition unchanged keeps its version; `cycles` lists where it is used.
 *
 * Values are only ever added up or compared within one (key, version), or with a version the
 * definition names in `comparableWith` (a relabelling or a translation that leaves the counting
 * alone). Anything else is a different indicator that happens to share a key: it is shown beside
 * the other, never merged into it.
 */
export type IndicatorAggregation = "sum" | "average";

/** What one unit of the indicator counts. The catalogs translate each one. */
export const INDICATOR_UNITS = ["people", "actions", "partners", "street-workers", "percent", "days"] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

/** The population groups the network reports on (diagnosis, "people reached by population group"). */
export const POPULATION_GROUPS = ["children", "youth", "adults", "women", "migrants", "others"] as const;
export type PopulationGroup = (typeof POPULATION_GROUPS)[number];

/** The age bands of the 2023–2027 cycle; a definition may name others (they are data). */
export const DEFAULT_AGE_BANDS = ["0-11", "12-17", "18-24", "25-59", "60+"] as const;

/**
 * How a value is broken down. `none`: one number. `population-group`: one number per group of
 * POPULATION_GROUPS. `age-band`: one number per band the definition lists.
 */
export type IndicatorBreakdown =
  | { kind: "none" }
  | { kind: "population-group" }
  | { kind: "age-band"; bands: readonly string[] };

export interface IndicatorDefinition {
  key: string;
  version: number;
  /** Reporting cycles that use this version, e.g. ["2023-2024", "2025-2026"]. */
  cycles: readonly string[];
  labels: LocalizedText;
  unit: IndicatorUnit;
  aggregation: IndicatorAggregation;
  breakdown: IndicatorBreakdown;
  /** A count about street populations that must not appear in the public edition. */
  sensitive: boolean;
  /** Earlier versions whose values mean the same thing (label or translation changes only). */
  comparableWith: readonly number[];
}

/**
 * One platform's number for one indicator, recorded against the definition version it was
 * collected with. `byCategory` holds the breakdown (population group or age band) when the
 * definition has one; `total` is always given.
 */
export interface IndicatorValue {
  key: string;
  version: number;
  total: number;
  byCategory?: Readonly<Record<string, number>>;
}

/** The categories of a breakdown, in order. */
export function breakdownCategories(breakdown: IndicatorBreakdown): readonly string[] {
  switch (breakdown.kind) {
    case "none":
      return [];
    case "population-group":
      return POPULATION_GROUPS;
    case "age-band":
      return breakdown.bands;
  }
}

/** The definition a (key, version) was recorded with, if the list has it. */
export function findDefinition(
  definitions: readonly IndicatorDefinition[],
  key: string,
  version: number,
): IndicatorDefinition | undefined {
  return definitions.find((d) => d.key === key && d.version === version);
}

/** Do values recorded under these two versions of a key measure the same thing? */
export function versionsComparable(
  definitions: readonly IndicatorDefinition[],
  key: string,
  a: number,
  b: number,
): boolean {
  if (a === b) return true;
  const newer = findDefinition(definitions, key, Math.max(a, b));
  return newer?.comparableWith.includes(Math.min(a, b)) ?? false;
}

/**
 * A value is sensitive when its definition says so, and also when its definition is unknown:
 * what we cannot classify we do not publish.
 */
export function isSensitiveValue(definitions: readonly IndicatorDefinition[], value: IndicatorValue): boolean {
  return findDefinition(definitions, value.key, value.version)?.sensitive ?? true;
}

export type IndicatorProblem =
  | { kind: "unknown-indicator"; key: string; version: number }
  | { kind: "invalid-number"; key: string; category: string | null }
  | { kind: "unknown-category"; key: string; category: string }
  | { kind: "breakdown-exceeds-total"; key: string }
  | { kind: "duplicate-indicator"; key: string };

/**
 * Checks values against the definitions of their cycle: known (key, version), finite and
 * non-negative numbers, whole numbers for counts (everything but percent and days), percentages
 * at most 100, categories of the definition's breakdown, and a summed breakdown not above the
 * total (a person may be counted in no group, never in more than the total).
 */
export function validateIndicatorValues(
  definitions: readonly IndicatorDefinition[],
  values: readonly IndicatorValue[],
): IndicatorProblem[] {
  const problems: IndicatorProblem[] = [];
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value.key)) problems.push({ kind: "duplicate-indicator", key: value.key });
    seen.add(value.key);
    const definition = findDefinition(definitions, value.key, value.version);
    if (definition === undefined) {
      problems.push({ kind: "unknown-indicator", key: value.key, version: value.version });
      continue;
    }
    if (!validNumber(definition, value.total))
      problems.push({ kind: "invalid-number", key: value.key, category: null });
    const categories = breakdownCategories(definition.breakdown);
    let breakdownSum = 0;
    for (const [category, number] of Object.entries(value.byCategory ?? {})) {
      if (!categories.includes(category)) problems.push({ kind: "unknown-category", key: value.key, category });
      else if (!validNumber(definition, number)) problems.push({ kind: "invalid-number", key: value.key, category });
      else breakdownSum += number;
    }
    if (definition.aggregation === "sum" && breakdownSum > value.total) {
      problems.push({ kind: "breakdown-exceeds-total", key: value.key });
    }
  }
  return problems;
}

function validNumber(definition: IndicatorDefinition, n: number): boolean {
  if (!Number.isFinite(n) || n < 0) return false;
  if (definition.unit === "percent") return n <= 100;
  if (definition.unit === "days") return true;
  return Number.isInteger(n);
}
