import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { downtimeExtension, LAST_PART_MS, MAX_EXTENSION_MS } from "./reception.ts";

const t = (s: number) => new Date(Date.UTC(2026, 5, 1, 12) + s * 1000);
const ballot = { closesAt: t(0), graceMs: 600_000 };
const down = (from: number, to: number) => ({ from: t(from), to: t(to) });

describe("downtimeExtension", () => {
  it("adds the time the hub was down from shortly before the close through the grace period", () => {
    // Stopped 100 s before the close, back 5 minutes into the grace: 400 s more.
    expect(downtimeExtension(ballot, [down(-100, 300)])).toEqual({ ms: 400_000, counted: [down(-100, 300)] });
  });

  it("counts a downtime across the whole grace period whole, and a later one inside the extended deadline", () => {
    const { ms } = downtimeExtension(ballot, [down(-30, 900), down(1000, 1100)]);
    expect(ms).toBe(1_030_000);
  });

  it("ignores a downtime long before the close or after the deadline", () => {
    expect(downtimeExtension(ballot, [down(-LAST_PART_MS / 1000 - 600, -LAST_PART_MS / 1000 - 60)]).ms).toBe(0);
    expect(downtimeExtension(ballot, [down(601, 900)]).ms).toBe(0);
    // Only the part inside the last hour counts.
    expect(downtimeExtension(ballot, [down(-LAST_PART_MS / 1000 - 60, -LAST_PART_MS / 1000 + 60)]).ms).toBe(60_000);
  });

  it("never extends by more than a day, nor by more than the hub was down", () => {
    const outages = fc.array(
      fc
        .tuple(fc.integer({ min: -7200, max: 200_000 }), fc.integer({ min: 1, max: 50_000 }))
        .map(([a, d]) => down(a, a + d)),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(outages, (list) => {
        const { ms, counted } = downtimeExtension(ballot, list);
        expect(ms).toBeLessThanOrEqual(MAX_EXTENSION_MS);
        const total = list.reduce((sum, o) => sum + (o.to.getTime() - o.from.getTime()), 0);
        expect(ms).toBeLessThanOrEqual(total);
        expect(counted.reduce((sum, o) => sum + (o.to.getTime() - o.from.getTime()), 0)).toBe(ms);
      }),
    );
  });
});
