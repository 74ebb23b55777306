import { type PlatformId, REGION_CODES, type RegionCode } from "@dynamo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateIndicators, type ExpectedPlatforms, type IndicatorSubmission } from "./aggregation.ts";
import { definition, platform } from "./test-fixtures.ts";

const summed = definition({ key: "people-reached" });
const averaged = definition({ key: "return-rate", unit: "percent", aggregation: "average" });

/** A network: per region some platforms, each with a value or nothing (not reported). */
const network = fc
  .array(
    fc.record({
      region: fc.constantFrom(...REGION_CODES),
      value: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
    }),
    { maxLength: 30 },
  )
  .map((rows) =>
    rows.map((row, index) => ({ ...row, platformId: platform(`pf-${index}`), percent: (row.value ?? 0) % 101 })),
  );

type Row = { region: RegionCode; platformId: PlatformId; value: number | undefined; percent: number };

function expectedOf(rows: readonly Row[]): ExpectedPlatforms {
  const expected: ExpectedPlatforms = {};
  for (const row of rows) expected[row.region] = [...(expected[row.region] ?? []), row.platformId];
  return expected;
}

function submissionsOf(rows: readonly Row[]): IndicatorSubmission[] {
  return rows.flatMap((row) =>
    row.value === undefined
      ? []
      : [
          {
            region: row.region,
            platformId: row.platformId,
            values: [
              { key: "people-reached", version: 1, total: row.value },
              { key: "return-rate", version: 1, total: row.percent },
            ],
          },
        ],
  );
}

describe("aggregation invariants", () => {
  it("a sum aggregate is the sum of its parts, per region and network-wide", () => {
    fc.assert(
      fc.property(network, (rows) => {
        const { indicators } = aggregateIndicators([summed], submissionsOf(rows), expectedOf(rows));
        const [aggregate] = indicators;
        const reported = rows.filter((r) => r.value !== undefined);
        const total = reported.reduce((n, r) => n + (r.value ?? 0), 0);
        expect(aggregate?.network.total.value).toBe(reported.length === 0 ? null : total);
        const regionSum = (aggregate?.regions ?? []).reduce((n, r) => n + (r.total.value ?? 0), 0);
        expect(regionSum).toBe(total);
        for (const region of aggregate?.regions ?? []) {
          const own = reported.filter((r) => r.region === region.region);
          expect(region.total.value).toBe(own.length === 0 ? null : own.reduce((n, r) => n + (r.value ?? 0), 0));
        }
      }),
    );
  });

  it("reporting and missing always account for every expected platform", () => {
    fc.assert(
      fc.property(network, (rows) => {
        const { indicators } = aggregateIndicators([summed, averaged], submissionsOf(rows), expectedOf(rows));
        for (const aggregate of indicators) {
          for (const cell of [aggregate.network.total, ...aggregate.regions.map((r) => r.total)]) {
            expect(cell.reporting + cell.missing.length).toBe(cell.expected);
            expect(cell.complete).toBe(cell.missing.length === 0);
          }
          expect(aggregate.network.total.expected).toBe(rows.length);
        }
      }),
    );
  });

  it("an average lies between the smallest and the largest reported value, whatever is missing", () => {
    fc.assert(
      fc.property(network, (rows) => {
        const { indicators } = aggregateIndicators([averaged], submissionsOf(rows), expectedOf(rows));
        const reported = rows.filter((r) => r.value !== undefined).map((r) => r.percent);
        const value = indicators[0]?.network.total.value ?? null;
        if (reported.length === 0) {
          expect(value).toBeNull();
          return;
        }
        expect(value).not.toBeNull();
        expect(value as number).toBeGreaterThanOrEqual(Math.min(...reported) - 1e-9);
        expect(value as number).toBeLessThanOrEqual(Math.max(...reported) + 1e-9);
      }),
    );
  });

  it("adding a missing platform's submission raises the reporting count by exactly one, in its region only", () => {
    fc.assert(
      fc.property(network, fc.nat(), fc.integer({ min: 0, max: 10_000 }), (rows, pick, value) => {
        const missing = rows.filter((r) => r.value === undefined);
        fc.pre(missing.length > 0);
        const added = missing[pick % missing.length] as Row;
        const before = aggregateIndicators([summed], submissionsOf(rows), expectedOf(rows)).indicators[0];
        const withIt = rows.map((r) => (r.platformId === added.platformId ? { ...r, value } : r));
        const after = aggregateIndicators([summed], submissionsOf(withIt), expectedOf(rows)).indicators[0];
        expect(after?.network.total.reporting).toBe((before?.network.total.reporting ?? 0) + 1);
        for (const region of after?.regions ?? []) {
          const previous = before?.regions.find((r) => r.region === region.region);
          const step = region.region === added.region ? 1 : 0;
          expect(region.total.reporting).toBe((previous?.total.reporting ?? 0) + step);
          expect(region.total.expected).toBe(previous?.total.expected);
        }
      }),
    );
  });
});
