import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextAttempt, type RetrySchedule } from "./delivery.ts";

const schedule: RetrySchedule = { retryForMs: 8 * 86_400_000, initialDelayMs: 5_000, maxDelayMs: 6 * 3_600_000 };
const start = new Date("2026-01-01T00:00:00Z");
const after = (ms: number) => new Date(start.getTime() + ms);

describe("nextAttempt", () => {
  it("retries network errors and 5xx with a doubling delay", () => {
    const first = nextAttempt(schedule, { attempts: 1, firstFailedAt: start, now: start, status: null, jitter: 0.5 });
    const third = nextAttempt(schedule, { attempts: 3, firstFailedAt: start, now: start, status: 503, jitter: 0.5 });
    expect(first).toEqual({ kind: "retry", at: after(5_000) });
    expect(third).toEqual({ kind: "retry", at: after(20_000) });
  });

  it("gives up at once on a refusal (4xx), but not on 401, 408 or 429", () => {
    for (const status of [400, 403, 404, 410])
      expect(nextAttempt(schedule, { attempts: 1, firstFailedAt: start, now: start, status, jitter: 0 })).toEqual({
        kind: "refused",
      });
    for (const status of [401, 408, 429])
      expect(nextAttempt(schedule, { attempts: 1, firstFailedAt: start, now: start, status, jitter: 0 }).kind).toBe(
        "retry",
      );
  });

  it("declares the peer unreachable once the window since the first failure has passed", () => {
    const now = after(schedule.retryForMs);
    expect(nextAttempt(schedule, { attempts: 40, firstFailedAt: start, now, status: null, jitter: 0 })).toEqual({
      kind: "unreachable",
    });
  });

  it("never schedules a try past the window, nor further apart than the cap (plus jitter)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: schedule.retryForMs - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempts, elapsed, jitter) => {
          const now = after(elapsed);
          const next = nextAttempt(schedule, { attempts, firstFailedAt: start, now, status: 502, jitter });
          expect(next.kind).toBe("retry");
          if (next.kind !== "retry") return;
          expect(next.at.getTime()).toBeLessThanOrEqual(start.getTime() + schedule.retryForMs);
          expect(next.at.getTime() - now.getTime()).toBeLessThanOrEqual(schedule.maxDelayMs * 1.2);
          expect(next.at.getTime()).toBeGreaterThanOrEqual(now.getTime());
        },
      ),
    );
  });
});
