import { REGION_CODES } from "@dynamo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BENIN, DUE, day, MALI, SENEGAL, submitted } from "./test-fixtures.ts";
import {
  type ExpectedReport,
  judgeTimeliness,
  type ReceivedReport,
  receiptsOf,
  reportingDashboard,
} from "./timeliness.ts";

const hours = (n: number) => new Date(DUE.getTime() + n * 3600 * 1000);

describe("judgeTimeliness", () => {
  it("judges by the signing time: a region offline at the due date that signed before it is on time", () => {
    expect(judgeTimeliness(DUE, hours(-2), hours(24 * 5))).toEqual({
      timeliness: "on-time",
      countedAt: hours(-2),
      deliveredAfterDue: true,
    });
  });

  it("counts a report signed after the due date as late, wherever it was", () => {
    expect(judgeTimeliness(DUE, hours(30), hours(31))).toEqual({
      timeliness: "late",
      countedAt: hours(30),
      deliveredAfterDue: true,
    });
  });

  it("counts the reception when a clock claims a signature after it", () => {
    expect(judgeTimeliness(DUE, hours(5), hours(-1))).toEqual({
      timeliness: "on-time",
      countedAt: hours(-1),
      deliveredAfterDue: false,
    });
  });

  it("counts the due instant itself as on time", () => {
    expect(judgeTimeliness(DUE, DUE, DUE).timeliness).toBe("on-time");
  });
});

describe("reportingDashboard", () => {
  const expected: ExpectedReport[] = [
    { kind: "status", region: "AF", platformId: null, dueDate: DUE },
    { kind: "status", region: "AF", platformId: SENEGAL, dueDate: day(20) },
    { kind: "status", region: "AF", platformId: MALI, dueDate: day(20) },
    { kind: "status", region: "AF", platformId: BENIN, dueDate: day(20) },
    { kind: "status", region: "AM", platformId: null, dueDate: DUE },
    { kind: "status", region: "AS", platformId: null, dueDate: DUE },
    { kind: "status", region: "EU", platformId: null, dueDate: hours(24 * 30) },
  ];

  it("counts a region offline at the due date that submitted late as late but received", () => {
    const received: ReceivedReport[] = [
      // Africa signed on time; its node was offline and the hub got it five days later.
      { kind: "status", region: "AF", platformId: null, signedAt: hours(-3), receivedAt: hours(24 * 5) },
      { kind: "status", region: "AF", platformId: SENEGAL, signedAt: day(6), receivedAt: hours(24 * 5) },
      { kind: "status", region: "AF", platformId: MALI, signedAt: day(25), receivedAt: hours(24 * 5) },
      // The Americas were offline at the due date and could only sign two days after it.
      { kind: "status", region: "AM", platformId: null, signedAt: hours(48), receivedAt: hours(49) },
      // Not expected: shown apart, never counted.
      { kind: "activity", region: "AM", platformId: null, signedAt: hours(1), receivedAt: hours(2) },
    ];
    const dashboard = reportingDashboard(expected, received, hours(24 * 6));
    expect(dashboard.network).toEqual({ expected: 4, received: 2, onTime: 1, late: 1, missing: 1, pending: 1 });
    const [africa, americas, asia, europe] = dashboard.regions;
    expect(africa?.reports).toMatchObject({ received: 1, onTime: 1, late: 0 });
    expect(africa?.sections).toEqual({ expected: 3, received: 2, onTime: 1, late: 1, missing: 1, pending: 0 });
    expect(africa?.platforms.map((p) => [p.platformId, p.counts.onTime, p.counts.late, p.counts.missing])).toEqual([
      [BENIN, 0, 0, 1],
      [MALI, 0, 1, 0],
      [SENEGAL, 1, 0, 0],
    ]);
    expect(americas?.reports).toEqual({ expected: 1, received: 1, onTime: 0, late: 1, missing: 0, pending: 0 });
    expect(asia?.reports).toMatchObject({ received: 0, missing: 1 });
    expect(europe?.reports).toMatchObject({ received: 0, missing: 0, pending: 1 });
    expect(dashboard.entries.find((e) => e.region === "AF" && e.platformId === null)?.status).toEqual({
      kind: "on-time",
      signedAt: hours(-3),
      receivedAt: hours(24 * 5),
      deliveredAfterDue: true,
    });
    expect(dashboard.unexpected).toEqual([received[4]]);
  });

  it("judges by the first submission: a later revision does not make a report late", () => {
    const received: ReceivedReport[] = [
      { kind: "status", region: "AM", platformId: null, signedAt: hours(100), receivedAt: hours(100) },
      { kind: "status", region: "AM", platformId: null, signedAt: hours(-10), receivedAt: hours(-9) },
    ];
    const dashboard = reportingDashboard(expected, received, hours(200));
    expect(dashboard.regions.find((r) => r.region === "AM")?.reports).toMatchObject({ onTime: 1, late: 0 });
  });

  it("does not count what arrives after the time the dashboard is drawn for", () => {
    const received: ReceivedReport[] = [
      { kind: "status", region: "AS", platformId: null, signedAt: hours(-10), receivedAt: hours(10) },
    ];
    expect(
      reportingDashboard(expected, received, hours(5)).regions.find((r) => r.region === "AS")?.reports,
    ).toMatchObject({ received: 0, missing: 1 });
  });

  it("always accounts for every expected report", () => {
    const slot = fc.record({
      region: fc.constantFrom(...REGION_CODES),
      platformId: fc.constantFrom(null, SENEGAL, MALI),
    });
    const offset = fc.integer({ min: -1000, max: 1000 });
    fc.assert(
      fc.property(
        fc.uniqueArray(slot, { selector: (s) => `${s.region}/${s.platformId}` }),
        fc.array(fc.record({ slot, signed: offset, delay: fc.integer({ min: 0, max: 500 }) })),
        offset,
        (slots, receipts, now) => {
          const expectedReports = slots.map((s) => ({ ...s, kind: "status" as const, dueDate: DUE }));
          const receivedReports = receipts.map((r) => ({
            ...r.slot,
            kind: "status" as const,
            signedAt: hours(r.signed),
            receivedAt: hours(r.signed + r.delay),
          }));
          const dashboard = reportingDashboard(expectedReports, receivedReports, hours(now));
          for (const counts of [
            dashboard.network,
            ...dashboard.regions.flatMap((r) => [r.reports, r.sections, ...r.platforms.map((p) => p.counts)]),
          ]) {
            expect(counts.onTime + counts.late + counts.missing + counts.pending).toBe(counts.expected);
            expect(counts.received).toBe(counts.onTime + counts.late);
          }
          expect(dashboard.entries).toHaveLength(slots.length);
        },
      ),
    );
  });
});

describe("receiptsOf", () => {
  it("records the report's first submission and each platform's first submission", () => {
    const receipts = receiptsOf(submitted(day(12)), day(13));
    expect(receipts).toEqual([
      { kind: "status", region: "AF", platformId: null, signedAt: day(12), receivedAt: day(13) },
      { kind: "status", region: "AF", platformId: SENEGAL, signedAt: day(6), receivedAt: day(13) },
      { kind: "status", region: "AF", platformId: MALI, signedAt: day(8), receivedAt: day(13) },
    ]);
  });
});
