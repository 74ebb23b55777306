import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  createDeliveryRetryPolicy,
  DELIVERY_RETRY_DEFAULTS,
  PERMANENT_FAILURE_STATUS_CODES,
} from "./delivery-policy.ts";

const DAY_MS = 24 * 3_600_000;

describe("delivery retry policy", () => {
  it("keeps retrying for at least seven days, at most six hours apart, then gives up", () => {
    const policy = createDeliveryRetryPolicy();
    let elapsedMs = 0;
    let attempts = 0;
    const delays: number[] = [];
    for (;;) {
      const delay = policy({ elapsedTime: Temporal.Duration.from({ milliseconds: elapsedMs }), attempts });
      if (delay === null) break;
      const ms = delay.total("millisecond");
      delays.push(ms);
      elapsedMs += ms;
      attempts++;
      expect(attempts).toBeLessThan(200);
    }
    expect(elapsedMs).toBeGreaterThanOrEqual(7 * DAY_MS);
    expect(elapsedMs).toBeLessThan(DELIVERY_RETRY_DEFAULTS.retryForMs + DELIVERY_RETRY_DEFAULTS.maxDelayMs);
    expect(Math.max(...delays)).toBeLessThanOrEqual(DELIVERY_RETRY_DEFAULTS.maxDelayMs);
    // Backoff: the first retries come quickly, later ones are spaced out.
    expect(delays[0]).toBeLessThan(15_000);
    expect(delays.at(-1)).toBeGreaterThan(3_600_000);
  });

  it("stays finite however many attempts were made", () => {
    const policy = createDeliveryRetryPolicy();
    const delay = policy({ elapsedTime: Temporal.Duration.from({ hours: 1 }), attempts: 5_000 });
    expect(delay?.total("millisecond")).toBe(DELIVERY_RETRY_DEFAULTS.maxDelayMs);
  });

  it("takes shorter windows and delays for tests", () => {
    const policy = createDeliveryRetryPolicy({ retryForMs: 1_000, initialDelayMs: 100, maxDelayMs: 200 });
    expect(
      policy({ elapsedTime: Temporal.Duration.from({ milliseconds: 999 }), attempts: 3 })?.total("millisecond"),
    ).toBe(200);
    expect(policy({ elapsedTime: Temporal.Duration.from({ milliseconds: 1_000 }), attempts: 3 })).toBeNull();
  });
});

describe("permanent delivery failures", () => {
  it("are the 4xx refusals except 401, 408 and 429", () => {
    for (const status of [400, 403, 404, 405, 410, 413, 415, 422, 451])
      expect(PERMANENT_FAILURE_STATUS_CODES).toContain(status);
    for (const status of [401, 408, 429, 500, 502, 503, 504, 302, 200]) {
      expect(PERMANENT_FAILURE_STATUS_CODES).not.toContain(status);
    }
  });
});
