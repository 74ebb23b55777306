import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EVENT_KINDS } from "./event.ts";
import { isPilotGroupTurn, yearlyMinimum } from "./programme.ts";

const at = (iso: string) => new Date(iso);

describe("a region's yearly minimum", () => {
  it("holds with a pilot group in its turn, an advocacy action and a training module", () => {
    const events = [
      { kind: "pilot-group" as const, startsAt: at("2025-03-10T08:00:00Z"), status: "planned" },
      { kind: "advocacy" as const, startsAt: at("2025-06-01T08:00:00Z"), status: "confirmed" },
      { kind: "training" as const, startsAt: at("2025-09-01T08:00:00Z"), status: "planned" },
    ];
    expect(yearlyMinimum(2025, events)).toEqual({
      year: 2025,
      pilotGroup: "held",
      advocacy: 1,
      training: 1,
      holds: true,
    });
    expect(yearlyMinimum(2025, events.slice(1)).pilotGroup).toBe("missing");
    expect(yearlyMinimum(2025, events.slice(1)).holds).toBe(false);
    expect(yearlyMinimum(2026, events).holds).toBe(false);
  });

  it("does not ask for a pilot group out of its turn, nor count a cancelled event", () => {
    const events = [
      { kind: "advocacy" as const, startsAt: at("2026-02-01T08:00:00Z"), status: "planned" },
      { kind: "training" as const, startsAt: at("2026-02-02T08:00:00Z"), status: "cancelled" },
    ];
    expect(yearlyMinimum(2026, events)).toMatchObject({ pilotGroup: "not-due", training: 0, holds: false });
  });

  it("holds exactly when each part holds, whatever the events", () => {
    const event = fc.record({
      kind: fc.constantFrom(...EVENT_KINDS),
      startsAt: fc.date({ min: at("2024-01-01T00:00:00Z"), max: at("2027-12-31T00:00:00Z"), noInvalidDate: true }),
      status: fc.constantFrom("planned", "confirmed", "cancelled"),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), fc.integer({ min: 2024, max: 2027 }), (events, year) => {
        const m = yearlyMinimum(year, events);
        const counted = events.filter((e) => e.startsAt.getUTCFullYear() === year && e.status !== "cancelled");
        expect(m.advocacy).toBe(counted.filter((e) => e.kind === "advocacy").length);
        const pilot = counted.some((e) => e.kind === "pilot-group") || !isPilotGroupTurn(year);
        expect(m.holds).toBe(pilot && m.advocacy > 0 && m.training > 0);
      }),
    );
  });
});
