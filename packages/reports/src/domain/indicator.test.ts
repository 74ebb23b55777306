import { describe, expect, it } from "vitest";
import { breakdownCategories, isSensitiveValue, validateIndicatorValues, versionsComparable } from "./indicator.ts";
import { definition } from "./test-fixtures.ts";

const reached = definition({ key: "people-reached", breakdown: { kind: "population-group" } });
const byAge = definition({ key: "youth-by-age", breakdown: { kind: "age-band", bands: ["12-17", "18-24"] } });
const rate = definition({ key: "return-rate", unit: "percent", aggregation: "average" });
const secret = definition({ key: "children-in-detention", sensitive: true });
const reachedV2 = definition({ key: "people-reached", version: 2, comparableWith: [1] });
const definitions = [reached, byAge, rate, secret, reachedV2];

describe("validateIndicatorValues", () => {
  it("accepts well-formed values", () => {
    expect(
      validateIndicatorValues(definitions, [
        { key: "people-reached", version: 1, total: 300, byCategory: { children: 120, migrants: 30 } },
        { key: "youth-by-age", version: 1, total: 50, byCategory: { "12-17": 20, "18-24": 30 } },
        { key: "return-rate", version: 1, total: 37.5 },
      ]),
    ).toEqual([]);
  });

  it("names every problem", () => {
    expect(
      validateIndicatorValues(definitions, [
        { key: "people-reached", version: 1, total: 10.5, byCategory: { children: 8, aliens: 1, youth: -1 } },
        { key: "youth-by-age", version: 1, total: 10, byCategory: { "12-17": 8, "18-24": 5 } },
        { key: "return-rate", version: 1, total: 120 },
        { key: "return-rate", version: 1, total: 20 },
        { key: "people-reached", version: 7, total: 1 },
      ]),
    ).toEqual([
      { kind: "invalid-number", key: "people-reached", category: null },
      { kind: "unknown-category", key: "people-reached", category: "aliens" },
      { kind: "invalid-number", key: "people-reached", category: "youth" },
      { kind: "breakdown-exceeds-total", key: "youth-by-age" },
      { kind: "invalid-number", key: "return-rate", category: null },
      { kind: "duplicate-indicator", key: "return-rate" },
      { kind: "duplicate-indicator", key: "people-reached" },
      { kind: "unknown-indicator", key: "people-reached", version: 7 },
    ]);
  });
});

describe("definitions", () => {
  it("lists the categories of each breakdown", () => {
    expect(breakdownCategories(reached.breakdown)).toContain("women");
    expect(breakdownCategories(byAge.breakdown)).toEqual(["12-17", "18-24"]);
    expect(breakdownCategories(rate.breakdown)).toEqual([]);
  });

  it("compares versions only when the newer declares the older comparable", () => {
    expect(versionsComparable(definitions, "people-reached", 1, 2)).toBe(true);
    expect(versionsComparable(definitions, "people-reached", 2, 1)).toBe(true);
    expect(versionsComparable(definitions, "return-rate", 1, 2)).toBe(false);
    expect(versionsComparable([], "anything", 3, 3)).toBe(true);
  });

  it("treats a value of an unknown definition as sensitive", () => {
    expect(isSensitiveValue(definitions, { key: "children-in-detention", version: 1, total: 3 })).toBe(true);
    expect(isSensitiveValue(definitions, { key: "people-reached", version: 1, total: 3 })).toBe(false);
    expect(isSensitiveValue(definitions, { key: "never-defined", version: 1, total: 3 })).toBe(true);
  });
});
