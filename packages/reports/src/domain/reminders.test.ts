import { describe, expect, it } from "vitest";
import { REMINDER_LEVELS, reminderLevel } from "./reminders.ts";

const due = new Date("2026-03-31T23:59:59Z");
const before = (ms: number) => new Date(due.getTime() - ms);
const DAY = 24 * 3600 * 1000;

describe("reminderLevel", () => {
  it("escalates as the due date nears, at 30 days, 7 days and 24 hours", () => {
    const levels = [31 * DAY, 30 * DAY, 8 * DAY, 7 * DAY, DAY + 1, DAY, 1, 0, -1].map((ms) =>
      reminderLevel(due, before(ms), "collecting"),
    );
    expect(levels).toEqual(["none", "upcoming", "upcoming", "soon", "soon", "due", "due", "due", "overdue"]);
  });

  it("never goes down as time passes for something still awaited", () => {
    let previous = 0;
    for (let ms = 40 * DAY; ms > -5 * DAY; ms -= 3 * 3600 * 1000) {
      const rank = REMINDER_LEVELS.indexOf(reminderLevel(due, before(ms), "requested"));
      expect(rank).toBeGreaterThanOrEqual(previous);
      previous = rank;
    }
  });

  it("is silent once submitted, also while the region revises a submitted report", () => {
    for (const state of ["submitted", "acknowledged", "published", "revising"] as const) {
      expect(reminderLevel(due, before(-10 * DAY), state)).toBe("none");
    }
    expect(reminderLevel(due, before(-10 * DAY), "approved")).toBe("overdue");
  });

  it("reminds a returned section past its due date as due, not overdue", () => {
    expect(reminderLevel(due, before(-3 * DAY), "returned")).toBe("due");
    expect(reminderLevel(due, before(-3 * DAY), "in-progress")).toBe("overdue");
  });
});
