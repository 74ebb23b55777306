import { describe, expect, it } from "vitest";
import { aggregateIndicators, type IndicatorSubmission } from "./aggregation.ts";
import { BENIN, definition, MALI, platform, SENEGAL } from "./test-fixtures.ts";

const PERU = platform("pf-pe");
const BRAZIL = platform("pf-br");

const workers = definition({ key: "street-workers-active", unit: "street-workers" });
const reached = definition({ key: "people-reached", breakdown: { kind: "population-group" } });
const coverage = definition({ key: "school-return-rate", unit: "percent", aggregation: "average" });

const expected = { AF: [SENEGAL, MALI, BENIN], AM: [PERU, BRAZIL] };

function submission(region: "AF" | "AM", platformId: typeof SENEGAL, values: IndicatorSubmission["values"]) {
  return { region, platformId, values };
}

describe("sum", () => {
  it("adds the reporting platforms per region and network-wide, stating who is missing", () => {
    const { indicators, excluded } = aggregateIndicators(
      [workers],
      [
        submission("AF", SENEGAL, [{ key: "street-workers-active", version: 1, total: 40 }]),
        submission("AF", MALI, [{ key: "street-workers-active", version: 1, total: 25 }]),
        submission("AM", PERU, [{ key: "street-workers-active", version: 1, total: 60 }]),
      ],
      expected,
    );
    expect(excluded).toEqual([]);
    const [aggregate] = indicators;
    expect(aggregate?.regions).toEqual([
      {
        region: "AF",
        total: { value: 65, reporting: 2, expected: 3, missing: [BENIN], complete: false },
        byCategory: {},
      },
      {
        region: "AM",
        total: { value: 60, reporting: 1, expected: 2, missing: [BRAZIL], complete: false },
        byCategory: {},
      },
    ]);
    expect(aggregate?.network.total).toEqual({
      value: 125,
      reporting: 3,
      expected: 5,
      missing: [BENIN, BRAZIL],
      complete: false,
    });
  });

  it("gives no number, not zero, when no platform reported", () => {
    const { indicators } = aggregateIndicators([workers], [], expected);
    expect(indicators[0]?.network.total).toMatchObject({ value: null, reporting: 0, expected: 5 });
  });

  it("aggregates each population group over the platforms that gave it", () => {
    const { indicators } = aggregateIndicators(
      [reached],
      [
        submission("AF", SENEGAL, [
          { key: "people-reached", version: 1, total: 300, byCategory: { children: 120, women: 80 } },
        ]),
        submission("AF", MALI, [{ key: "people-reached", version: 1, total: 200, byCategory: { children: 50 } }]),
      ],
      { AF: [SENEGAL, MALI] },
    );
    const region = indicators[0]?.regions[0];
    expect(region?.total).toMatchObject({ value: 500, reporting: 2, complete: true });
    expect(region?.byCategory.children).toMatchObject({ value: 170, reporting: 2 });
    expect(region?.byCategory.women).toEqual({
      value: 80,
      reporting: 1,
      expected: 2,
      missing: [MALI],
      complete: false,
    });
    expect(region?.byCategory.migrants).toMatchObject({ value: null, reporting: 0 });
    expect(Object.keys(region?.byCategory ?? {})).toEqual([
      "children",
      "youth",
      "adults",
      "women",
      "migrants",
      "others",
    ]);
  });
});

describe("average", () => {
  it("averages the platforms that reported, never counting the missing as zero", () => {
    const { indicators } = aggregateIndicators(
      [coverage],
      [
        submission("AF", SENEGAL, [{ key: "school-return-rate", version: 1, total: 30 }]),
        submission("AF", MALI, [{ key: "school-return-rate", version: 1, total: 50 }]),
        submission("AM", PERU, [{ key: "school-return-rate", version: 1, total: 90 }]),
      ],
      expected,
    );
    expect(indicators[0]?.regions.map((r) => [r.region, r.total.value, r.total.reporting])).toEqual([
      ["AF", 40, 2],
      ["AM", 90, 1],
    ]);
    // Network-wide: the mean over the three reporting platforms (each weighs the same), not (40 + 90) / 2.
    expect(indicators[0]?.network.total).toMatchObject({ value: 170 / 3, reporting: 3, expected: 5 });
  });
});

describe("definitions that changed between cycles", () => {
  const reachedV2 = definition({ key: "people-reached", version: 2, cycles: ["2026-2028"], aggregation: "sum" });

  it("excludes values recorded under a version counted differently, rather than adding them", () => {
    const { indicators, excluded } = aggregateIndicators(
      [reachedV2],
      [
        submission("AF", SENEGAL, [{ key: "people-reached", version: 2, total: 300 }]),
        submission("AF", MALI, [{ key: "people-reached", version: 1, total: 999 }]),
      ],
      { AF: [SENEGAL, MALI] },
    );
    expect(indicators[0]?.regions[0]?.total).toEqual({
      value: 300,
      reporting: 1,
      expected: 2,
      missing: [MALI],
      complete: false,
    });
    expect(excluded).toEqual([
      { region: "AF", platformId: MALI, key: "people-reached", version: 1, reason: "definition-mismatch" },
    ]);
  });

  it("counts an older version the new definition declares comparable", () => {
    const relabelled = { ...reachedV2, comparableWith: [1] };
    const { indicators, excluded } = aggregateIndicators(
      [relabelled],
      [
        submission("AF", SENEGAL, [{ key: "people-reached", version: 2, total: 300 }]),
        submission("AF", MALI, [{ key: "people-reached", version: 1, total: 100 }]),
      ],
      { AF: [SENEGAL, MALI] },
    );
    expect(excluded).toEqual([]);
    expect(indicators[0]).toMatchObject({ key: "people-reached", version: 2 });
    expect(indicators[0]?.regions[0]?.total).toMatchObject({ value: 400, reporting: 2, complete: true });
  });

  it("keeps two versions published in the same cycle apart", () => {
    const { indicators } = aggregateIndicators(
      [reached, reachedV2],
      [
        submission("AF", SENEGAL, [{ key: "people-reached", version: 2, total: 300 }]),
        submission("AF", MALI, [{ key: "people-reached", version: 1, total: 100 }]),
      ],
      { AF: [SENEGAL, MALI] },
    );
    expect(indicators.map((i) => [i.version, i.network.total.value, i.network.total.reporting])).toEqual([
      [1, 100, 1],
      [2, 300, 1],
    ]);
  });
});

describe("what is left out", () => {
  it("names unknown indicators, unexpected platforms and duplicates", () => {
    const { indicators, excluded } = aggregateIndicators(
      [workers],
      [
        submission("AF", SENEGAL, [
          { key: "street-workers-active", version: 1, total: 10 },
          { key: "street-workers-active", version: 1, total: 11 },
          { key: "made-up", version: 1, total: 5 },
        ]),
        submission("AM", SENEGAL, [{ key: "street-workers-active", version: 1, total: 7 }]),
      ],
      expected,
    );
    expect(indicators[0]?.network.total).toMatchObject({ value: 10, reporting: 1 });
    expect(excluded.map((e) => [e.region, e.key, e.reason])).toEqual([
      ["AF", "street-workers-active", "duplicate"],
      ["AF", "made-up", "unknown-indicator"],
      ["AM", "street-workers-active", "unexpected-platform"],
    ]);
  });
});
