import { describe, expect, it } from "vitest";
import { answerJoin } from "./registration.ts";

const now = new Date("2027-03-01T00:00:00Z");
const open = { status: "planned", endsAt: new Date("2027-03-06T00:00:00Z"), capacity: 2 };

describe("the organizer's answer to a Join", () => {
  it("accepts while places remain, then rejects as full", () => {
    expect(answerJoin(open, now, 0, false)).toEqual({ status: "accepted" });
    expect(answerJoin(open, now, 1, false)).toEqual({ status: "accepted" });
    expect(answerJoin(open, now, 2, false)).toEqual({ status: "rejected", reason: "full" });
    expect(answerJoin({ ...open, capacity: null }, now, 500, false)).toEqual({ status: "accepted" });
  });

  it("keeps an accepted registration accepted when asked again, even once full", () => {
    expect(answerJoin(open, now, 2, true)).toEqual({ status: "accepted" });
  });

  it("rejects for an unknown, cancelled or finished event", () => {
    expect(answerJoin(undefined, now, 0, false)).toEqual({ status: "rejected", reason: "unknown-event" });
    expect(answerJoin({ ...open, status: "cancelled" }, now, 0, true)).toEqual({
      status: "rejected",
      reason: "closed",
    });
    expect(answerJoin({ ...open, endsAt: now }, now, 0, false)).toEqual({ status: "rejected", reason: "closed" });
  });
});
