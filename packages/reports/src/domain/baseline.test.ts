import { describe, expect, it } from "vitest";
import { aggregateIndicators } from "./aggregation.ts";
import { aggregatesAsValues, compareWithBaseline } from "./baseline.ts";
import { definition, MALI, SENEGAL } from "./test-fixtures.ts";

const reachedV1 = definition({ key: "people-reached", breakdown: { kind: "population-group" } });

describe("compareWithBaseline", () => {
  it("reports changed, unchanged, new and missing indicators with their differences", () => {
    const comparisons = compareWithBaseline(
      [
        { key: "people-reached", version: 1, total: 500, byCategory: { children: 200, women: 100 } },
        { key: "street-workers-active", version: 1, total: 40 },
        { key: "partners", version: 1, total: 12 },
      ],
      [
        { key: "people-reached", version: 1, total: 400, byCategory: { children: 200, women: 50 } },
        { key: "street-workers-active", version: 1, total: 40 },
        { key: "advocacy-actions", version: 1, total: 3 },
      ],
    );
    expect(comparisons).toEqual([
      {
        key: "people-reached",
        status: "changed",
        version: 1,
        baselineVersion: 1,
        current: 500,
        baseline: 400,
        delta: 100,
        relativeDelta: 0.25,
        byCategory: {
          children: { current: 200, baseline: 200, delta: 0 },
          women: { current: 100, baseline: 50, delta: 50 },
        },
      },
      {
        key: "street-workers-active",
        status: "unchanged",
        version: 1,
        baselineVersion: 1,
        current: 40,
        baseline: 40,
        delta: 0,
        relativeDelta: 0,
        byCategory: {},
      },
      { key: "partners", status: "new", version: 1, current: 12 },
      { key: "advocacy-actions", status: "missing", baselineVersion: 1, baseline: 3 },
    ]);
  });

  it("counts a moved category as a change even when the total stayed", () => {
    const [comparison] = compareWithBaseline(
      [{ key: "people-reached", version: 1, total: 100, byCategory: { children: 70 } }],
      [{ key: "people-reached", version: 1, total: 100, byCategory: { children: 60 } }],
    );
    expect(comparison?.status).toBe("changed");
  });

  it("has no relative difference from a zero baseline", () => {
    const [comparison] = compareWithBaseline(
      [{ key: "partners", version: 1, total: 4 }],
      [{ key: "partners", version: 1, total: 0 }],
    );
    expect(comparison).toMatchObject({ status: "changed", delta: 4, relativeDelta: null });
  });

  it("does not subtract numbers counted under definitions that differ", () => {
    const reachedV2 = definition({ key: "people-reached", version: 2 });
    const current = [{ key: "people-reached", version: 2, total: 900 }];
    const baseline = [{ key: "people-reached", version: 1, total: 400 }];
    expect(compareWithBaseline(current, baseline, [reachedV1, reachedV2])).toEqual([
      { key: "people-reached", status: "redefined", version: 2, baselineVersion: 1, current: 900, baseline: 400 },
    ]);
    const relabelled = { ...reachedV2, comparableWith: [1] };
    expect(compareWithBaseline(current, baseline, [reachedV1, relabelled])[0]).toMatchObject({
      status: "changed",
      delta: 500,
    });
  });
});

describe("aggregatesAsValues", () => {
  it("turns a region's aggregates into values, leaving out what nobody reported", () => {
    const aggregates = aggregateIndicators(
      [reachedV1, definition({ key: "partners" })],
      [
        {
          region: "AF",
          platformId: SENEGAL,
          values: [{ key: "people-reached", version: 1, total: 300, byCategory: { children: 100 } }],
        },
      ],
      { AF: [SENEGAL, MALI] },
    );
    expect(aggregatesAsValues(aggregates, "AF")).toEqual([
      { key: "people-reached", version: 1, total: 300, byCategory: { children: 100 } },
    ]);
    expect(aggregatesAsValues(aggregates, "network")).toEqual(aggregatesAsValues(aggregates, "AF"));
    expect(aggregatesAsValues(aggregates, "EU")).toEqual([]);
  });
});
