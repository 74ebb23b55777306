import { createExponentialBackoffPolicy, type RetryPolicy } from "@fedify/fedify";
import { Temporal } from "temporal-polyfill";

const DAY_MS = 24 * 3_600_000;

export interface DeliveryRetryOptions {
  /** How long after the first attempt deliveries are still retried. At least seven days. */
  retryForMs?: number;
  /** The wait before the first retry; it doubles (with jitter) up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** Regions can be offline for days: a delivery is retried for eight days, at most six hours apart. */
export const DELIVERY_RETRY_DEFAULTS = {
  retryForMs: 8 * DAY_MS,
  initialDelayMs: 5_000,
  maxDelayMs: 6 * 3_600_000,
} as const satisfies Required<DeliveryRetryOptions>;

/**
 * Fedify's retry policy for deliveries: exponential backoff with jitter, giving up by elapsed
 * time rather than by a count of attempts (Fedify's default gives up after ten tries, about a
 * day; a region offline for a week would lose its messages). Past the window, catch-up by
 * paging outboxes takes over.
 */
export function createDeliveryRetryPolicy(options: DeliveryRetryOptions = {}): RetryPolicy {
  const { retryForMs, initialDelayMs, maxDelayMs } = { ...DELIVERY_RETRY_DEFAULTS, ...options };
  const backoff = createExponentialBackoffPolicy({
    initialDelay: Temporal.Duration.from({ milliseconds: initialDelayMs }),
    maxDelay: Temporal.Duration.from({ milliseconds: maxDelayMs }),
    maxAttempts: Number.POSITIVE_INFINITY,
  });
  // Past this many attempts the delay is capped anyway; bounding it keeps 2^attempts finite.
  const cappedAttempts = Math.ceil(Math.log2(maxDelayMs / initialDelayMs)) + 1;
  return (context) => {
    if (context.elapsedTime.total("millisecond") >= retryForMs) return null;
    return backoff({ ...context, attempts: Math.min(context.attempts, cappedAttempts) });
  };
}

/**
 * Answers that mean "never": every 4xx except 401 (our signature may be fetched again after a
 * key rotation), 408 (timeout) and 429 (slow down). Fedify stops at once on these and keeps
 * retrying everything else (5xx, network errors) by the policy above.
 */
export const PERMANENT_FAILURE_STATUS_CODES: readonly number[] = Array.from({ length: 100 }, (_, i) => 400 + i).filter(
  (status) => status !== 401 && status !== 408 && status !== 429,
);
