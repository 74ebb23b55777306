import type { PlatformId, RegionCode } from "@dynamo/core";
import {
  breakdownCategories,
  type IndicatorAggregation,
  type IndicatorDefinition,
  type IndicatorUnit,
  type IndicatorValue,
} from "./indicator.ts";

/** One platform's indicator values for the cycle, as its region's report carried them. */
export interface IndicatorSubmission {
  region: RegionCode;
  platformId: PlatformId;
  values: readonly IndicatorValue[];
}

/** The platforms each region expects to report in the cycle. */
export type ExpectedPlatforms = Partial<Record<RegionCode, readonly PlatformId[]>>;

/**
 * An aggregate over the platforms that reported. `value` is null when none did: a missing
 * platform is never a zero. `reporting` of `expected` is always stated beside the value, and
 * `missing` names who is not in it, so a sum over three platforms of five is never read as the
 * region's total.
 */
export interface AggregateCell {
  value: number | null;
  reporting: number;
  expected: number;
  missing: PlatformId[];
  complete: boolean;
}

export interface AggregateScope {
  total: AggregateCell;
  /** Per category of the definition's breakdown (population group or age band). */
  byCategory: Record<string, AggregateCell>;
}

export interface IndicatorAggregate {
  key: string;
  version: number;
  unit: IndicatorUnit;
  aggregation: IndicatorAggregation;
  regions: ({ region: RegionCode } & AggregateScope)[];
  network: AggregateScope;
}

export type ExclusionReason = "unknown-indicator" | "definition-mismatch" | "unexpected-platform" | "duplicate";

/** A value left out of the aggregates, and why: shown to the hub, never silently dropped. */
export interface ExcludedValue {
  region: RegionCode;
  platformId: PlatformId;
  key: string;
  version: number;
  reason: ExclusionReason;
}

export interface IndicatorAggregates {
  indicators: IndicatorAggregate[];
  excluded: ExcludedValue[];
}

/**
 * Aggregates one cycle's indicators, per region and network-wide.
 *
 * - `sum`: the sum of the reporting platforms' values. Network-wide: the sum of the regions'.
 * - `average`: the mean of the reporting platforms' values. Network-wide it is the mean over
 *   every reporting platform of the network (each platform weighs the same, as each has one
 *   voice at the IPG), not the mean of the regional means; the regional cells give the rest.
 * - Each category of a breakdown is aggregated on its own, over the platforms that gave it.
 *
 * Definitions that changed between cycles: `definitions` are the ones of the cycle being
 * aggregated. A value recorded under another version of the same key is counted only when the
 * cycle's definition declares that version comparable (`comparableWith`); otherwise it is
 * excluded as `definition-mismatch` — values counted differently are never added together.
 * Values of a platform the region did not expect, and a second value of the same indicator from
 * the same platform, are excluded too.
 */
export function aggregateIndicators(
  definitions: readonly IndicatorDefinition[],
  submissions: readonly IndicatorSubmission[],
  expected: ExpectedPlatforms,
): IndicatorAggregates {
  const excluded: ExcludedValue[] = [];
  /** definition index → region → platform → the value counted. */
  const counted = new Map<number, Map<RegionCode, Map<PlatformId, IndicatorValue>>>();
  for (const submission of submissions) {
    for (const value of submission.values) {
      const exclude = (reason: ExclusionReason) =>
        excluded.push({
          region: submission.region,
          platformId: submission.platformId,
          key: value.key,
          version: value.version,
          reason,
        });
      const index = definitionFor(definitions, value);
      if (index < 0) {
        exclude(definitions.some((d) => d.key === value.key) ? "definition-mismatch" : "unknown-indicator");
        continue;
      }
      if (!(expected[submission.region] ?? []).includes(submission.platformId)) {
        exclude("unexpected-platform");
        continue;
      }
      const byRegion = counted.get(index) ?? new Map<RegionCode, Map<PlatformId, IndicatorValue>>();
      counted.set(index, byRegion);
      const byPlatform = byRegion.get(submission.region) ?? new Map<PlatformId, IndicatorValue>();
      if (byPlatform.has(submission.platformId)) {
        exclude("duplicate");
        continue;
      }
      byPlatform.set(submission.platformId, value);
      byRegion.set(submission.region, byPlatform);
    }
  }
  const regionCodes = (Object.keys(expected) as RegionCode[]).sort();
  const indicators = definitions.map((definition, index): IndicatorAggregate => {
    const byRegion = counted.get(index);
    const scope = (regions: readonly RegionCode[]): AggregateScope => {
      const platforms = regions.flatMap((region) => {
        const values = byRegion?.get(region);
        return (expected[region] ?? []).map((platformId) => ({ platformId, value: values?.get(platformId) }));
      });
      const cell = (pick: (value: IndicatorValue) => number | undefined) =>
        aggregateCell(
          definition.aggregation,
          platforms.map((p) => ({
            platformId: p.platformId,
            number: p.value === undefined ? undefined : pick(p.value),
          })),
        );
      const byCategory: Record<string, AggregateCell> = {};
      for (const category of breakdownCategories(definition.breakdown)) {
        byCategory[category] = cell((value) => value.byCategory?.[category]);
      }
      return { total: cell((value) => value.total), byCategory };
    };
    return {
      key: definition.key,
      version: definition.version,
      unit: definition.unit,
      aggregation: definition.aggregation,
      regions: regionCodes.map((region) => ({ region, ...scope([region]) })),
      network: scope(regionCodes),
    };
  });
  return { indicators, excluded };
}

/** The cycle's definition a value counts under: its own version, or one declaring it comparable. */
function definitionFor(definitions: readonly IndicatorDefinition[], value: IndicatorValue): number {
  const exact = definitions.findIndex((d) => d.key === value.key && d.version === value.version);
  if (exact >= 0) return exact;
  return definitions.findIndex((d) => d.key === value.key && d.comparableWith.includes(value.version));
}

function aggregateCell(
  aggregation: IndicatorAggregation,
  platforms: readonly { platformId: PlatformId; number: number | undefined }[],
): AggregateCell {
  const numbers = platforms.flatMap((p) => (p.number === undefined ? [] : [p.number]));
  const missing = platforms.filter((p) => p.number === undefined).map((p) => p.platformId);
  const sum = numbers.reduce((a, b) => a + b, 0);
  const value = numbers.length === 0 ? null : aggregation === "sum" ? sum : sum / numbers.length;
  return {
    value,
    reporting: numbers.length,
    expected: platforms.length,
    missing,
    complete: missing.length === 0,
  };
}
