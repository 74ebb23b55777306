import type { RegionCode } from "@dynamo/core";
import type { IndicatorAggregates } from "./aggregation.ts";
import { type IndicatorDefinition, type IndicatorValue, versionsComparable } from "./indicator.ts";

/** A category's numbers against the baseline; null where one side has no number. */
export interface CategoryComparison {
  current: number | null;
  baseline: number | null;
  delta: number | null;
}

/**
 * One indicator of a status report against the social diagnosis it is read against.
 * `changed`/`unchanged`: comparable numbers, with the difference (current − baseline) and the
 * relative difference (null when the baseline is 0). `new`: no baseline number. `missing`: in the
 * baseline, not now. `redefined`: both have a number but under definitions that count
 * differently, so no difference is computed — the two numbers are shown side by side.
 */
export type BaselineComparison =
  | {
      key: string;
      status: "changed" | "unchanged";
      version: number;
      baselineVersion: number;
      current: number;
      baseline: number;
      delta: number;
      relativeDelta: number | null;
      byCategory: Record<string, CategoryComparison>;
    }
  | { key: string; status: "new"; version: number; current: number }
  | { key: string; status: "missing"; baselineVersion: number; baseline: number }
  | { key: string; status: "redefined"; version: number; baselineVersion: number; current: number; baseline: number };

export type BaselineStatus = BaselineComparison["status"];

/** Differences smaller than this are rounding, not change. */
const EPSILON = 1e-9;

/**
 * Compares indicator values with the baseline's, indicator by indicator (current order first,
 * then what only the baseline has). Two versions of a key are compared only when they are the
 * same version or the newer declares the older comparable (`definitions` holds the definitions
 * of both cycles). An indicator is `changed` when its total or any category moved.
 */
export function compareWithBaseline(
  current: readonly IndicatorValue[],
  baseline: readonly IndicatorValue[],
  definitions: readonly IndicatorDefinition[] = [],
): BaselineComparison[] {
  const comparisons: BaselineComparison[] = [];
  for (const now of current) {
    const before = baseline.find((b) => b.key === now.key);
    if (before === undefined) {
      comparisons.push({ key: now.key, status: "new", version: now.version, current: now.total });
      continue;
    }
    if (!versionsComparable(definitions, now.key, now.version, before.version)) {
      comparisons.push({
        key: now.key,
        status: "redefined",
        version: now.version,
        baselineVersion: before.version,
        current: now.total,
        baseline: before.total,
      });
      continue;
    }
    const byCategory = compareCategories(now.byCategory ?? {}, before.byCategory ?? {});
    const delta = now.total - before.total;
    const moved =
      Math.abs(delta) > EPSILON ||
      Object.values(byCategory).some((c) => c.delta === null || Math.abs(c.delta) > EPSILON);
    comparisons.push({
      key: now.key,
      status: moved ? "changed" : "unchanged",
      version: now.version,
      baselineVersion: before.version,
      current: now.total,
      baseline: before.total,
      delta,
      relativeDelta: before.total === 0 ? null : delta / before.total,
      byCategory,
    });
  }
  for (const before of baseline) {
    if (current.some((c) => c.key === before.key)) continue;
    comparisons.push({ key: before.key, status: "missing", baselineVersion: before.version, baseline: before.total });
  }
  return comparisons;
}

function compareCategories(
  current: Readonly<Record<string, number>>,
  baseline: Readonly<Record<string, number>>,
): Record<string, CategoryComparison> {
  const out: Record<string, CategoryComparison> = {};
  for (const category of new Set([...Object.keys(current), ...Object.keys(baseline)])) {
    const now = current[category] ?? null;
    const before = baseline[category] ?? null;
    out[category] = { current: now, baseline: before, delta: now === null || before === null ? null : now - before };
  }
  return out;
}

/**
 * The aggregates of a region (or of the whole network) as values, to compare a regional status
 * report with its diagnosis. An indicator or category nobody reported is left out: it becomes
 * `new` or `missing` in the comparison rather than a zero.
 */
export function aggregatesAsValues(aggregates: IndicatorAggregates, scope: RegionCode | "network"): IndicatorValue[] {
  const values: IndicatorValue[] = [];
  for (const indicator of aggregates.indicators) {
    const cells = scope === "network" ? indicator.network : indicator.regions.find((r) => r.region === scope);
    if (cells === undefined || cells.total.value === null) continue;
    const byCategory: Record<string, number> = {};
    for (const [category, cell] of Object.entries(cells.byCategory)) {
      if (cell.value !== null) byCategory[category] = cell.value;
    }
    values.push({ key: indicator.key, version: indicator.version, total: cells.total.value, byCategory });
  }
  return values;
}
