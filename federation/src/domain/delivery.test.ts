import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextAttempt, type RetrySchedule, URGENT_RETRY_MS } from "./delivery.ts";

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

  it("retries an urgent delivery at least every 10 seconds until its deadline, whatever the back-off", () => {
    // The schedule a vote used to follow while its hub was down: 5, 10, 20, 40, 80 s… apart.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 3 * 3_600_000 }),
        fc.integer({ min: 1, max: 3_600_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempts, elapsed, remaining, jitter) => {
          const now = after(elapsed);
          const urgentUntil = new Date(now.getTime() + remaining);
          const next = nextAttempt(schedule, {
            attempts,
            firstFailedAt: start,
            now,
            status: null,
            jitter,
            urgentUntil,
          });
          expect(next.kind).toBe("retry");
          if (next.kind !== "retry") return;
          expect(next.at.getTime() - now.getTime()).toBeLessThanOrEqual(URGENT_RETRY_MS);
          expect(next.at.getTime()).toBeGreaterThan(now.getTime());
        },
      ),
    );
  });

  it("keeps an urgent delivery past the general window until its deadline, then falls back to the back-off", () => {
    const now = after(schedule.retryForMs + 1_000);
    const urgent = nextAttempt(schedule, {
      attempts: 40,
      firstFailedAt: start,
      now,
      status: null,
      jitter: 0,
      urgentUntil: after(schedule.retryForMs + 60_000),
    });
    expect(urgent.kind).toBe("retry");
    const past = nextAttempt(schedule, {
      attempts: 3,
      firstFailedAt: start,
      now: after(60_000),
      status: null,
      jitter: 0.5,
      urgentUntil: after(30_000),
    });
    expect(past).toEqual({ kind: "retry", at: after(60_000 + 20_000) });
    // A refusal stays a refusal, urgent or not.
    expect(
      nextAttempt(schedule, {
        attempts: 1,
        firstFailedAt: start,
        now: start,
        status: 403,
        jitter: 0,
        urgentUntil: after(1),
      }),
    ).toEqual({ kind: "refused" });
  });
});
