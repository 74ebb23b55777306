import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { outagesOf, type UpSpan } from "./uptime.ts";

const t = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000);
const span = (from: number, to: number): UpSpan => ({ startedAt: t(from), lastBeatAt: t(to) });

describe("outagesOf", () => {
  it("finds the gap between a process's last beat and the next start", () => {
    expect(outagesOf([span(0, 100), span(160, 300)], t(305), 30_000)).toEqual([{ from: t(100), to: t(160) }]);
  });

  it("sees no outage while another process of the node kept beating", () => {
    expect(outagesOf([span(0, 100), span(50, 300), span(120, 310)], t(315), 30_000)).toEqual([]);
  });

  it("counts the time since the last beat as an outage still open when it is stale (the node is starting)", () => {
    expect(outagesOf([span(0, 100)], t(200), 30_000)).toEqual([{ from: t(100), to: t(200) }]);
    expect(outagesOf([span(0, 100)], t(120), 30_000)).toEqual([]);
  });

  it("has nothing to say before the first start", () => {
    expect(outagesOf([], t(10), 30_000)).toEqual([]);
  });

  it("gives ordered, disjoint outages, none inside a span", () => {
    const spans = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 500 })).map(([a, d]) => span(a, a + d)),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(spans, (list) => {
        const outages = outagesOf(list, t(20_000), 30_000);
        for (const [n, o] of outages.entries()) {
          expect(o.to.getTime()).toBeGreaterThan(o.from.getTime());
          const next = outages[n + 1];
          if (next) expect(next.from.getTime()).toBeGreaterThanOrEqual(o.to.getTime());
          for (const s of list) {
            const inside = o.from.getTime() < s.lastBeatAt.getTime() && o.to.getTime() > s.startedAt.getTime();
            expect(inside).toBe(false);
          }
        }
      }),
    );
  });
});
