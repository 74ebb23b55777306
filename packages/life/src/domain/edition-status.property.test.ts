import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changeEditionStatus, EDITION_STATUSES, type EditionStatus } from "./edition.ts";

const status = fc.constantFrom<EditionStatus>(...EDITION_STATUSES);
const by = fc.constantFrom<"secretariat" | "minutes-ballot">("secretariat", "minutes-ballot");
const rank = (s: EditionStatus) => EDITION_STATUSES.indexOf(s);

describe("an IPG edition's status", () => {
  it("goes step by step, from planned to minutes approved", () => {
    let current: EditionStatus = "planned";
    for (const next of ["convened", "in-session", "closed"] as const) {
      const moved = changeEditionStatus(current, next, "secretariat");
      expect(moved).toEqual({ ok: true, value: next });
      if (moved.ok) current = moved.value;
    }
    expect(changeEditionStatus(current, "minutes-approved", "minutes-ballot")).toEqual({
      ok: true,
      value: "minutes-approved",
    });
  });

  it("refuses a skip, a step back, staying put, and minutes approved by anything but their ballot", () => {
    expect(changeEditionStatus("planned", "in-session", "secretariat")).toEqual({
      ok: false,
      error: { kind: "status-skips", from: "planned", to: "in-session", next: "convened" },
    });
    expect(changeEditionStatus("closed", "convened", "secretariat")).toEqual({
      ok: false,
      error: { kind: "status-goes-back", from: "closed", to: "convened" },
    });
    expect(changeEditionStatus("convened", "convened", "secretariat")).toEqual({
      ok: false,
      error: { kind: "status-unchanged", status: "convened" },
    });
    expect(changeEditionStatus("closed", "minutes-approved", "secretariat")).toEqual({
      ok: false,
      error: { kind: "minutes-need-ballot" },
    });
    expect(changeEditionStatus("minutes-approved", "closed", "secretariat").ok).toBe(false);
  });

  it("over any sequence of attempts, never skips, never goes back, and reaches minutes approved only by the ballot", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ target: status, by }), { maxLength: 40 }), (attempts) => {
        let current: EditionStatus = "planned";
        for (const attempt of attempts) {
          const moved = changeEditionStatus(current, attempt.target, attempt.by);
          if (!moved.ok) continue;
          expect(rank(moved.value)).toBe(rank(current) + 1);
          if (moved.value === "minutes-approved") expect(attempt.by).toBe("minutes-ballot");
          current = moved.value;
        }
        expect(EDITION_STATUSES).toContain(current);
      }),
    );
  });

  it("follows the statuses in order when asked each next one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), (steps) => {
        let current: EditionStatus = "planned";
        for (let i = 0; i < steps; i++) {
          const target = EDITION_STATUSES[rank(current) + 1] as EditionStatus;
          const moved = changeEditionStatus(
            current,
            target,
            target === "minutes-approved" ? "minutes-ballot" : "secretariat",
          );
          expect(moved.ok).toBe(true);
          if (moved.ok) current = moved.value;
        }
        expect(current).toBe(EDITION_STATUSES[steps]);
      }),
    );
  });
});
