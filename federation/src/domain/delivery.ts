/**
 * Where one outgoing activity stands for one peer: waiting its first try, failed and waiting
 * another (attempt n, next try), delivered, refused by the peer (a 4xx: never retried), or
 * unreachable past the retry window (the peer catches up from our outbox when it returns).
 */
export const DELIVERY_STATES = ["queued", "retrying", "delivered", "refused", "unreachable"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface Delivery {
  id: string;
  activityId: string;
  activityType: string;
  peerActorId: string;
  inbox: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date | null;
  firstFailedAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** Per peer: how many deliveries are in each state, and since when it has been failing. */
export interface PeerDeliverySummary {
  peerActorId: string;
  counts: Record<DeliveryState, number>;
  /** The first failure of the oldest delivery still failing, or null when nothing fails. */
  failingSince: Date | null;
  lastDeliveredAt: Date | null;
}

/** Retry timing: exponential backoff from initialDelayMs, capped at maxDelayMs, until retryForMs after the first failure. */
export interface RetrySchedule {
  retryForMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/** How long an urgent delivery (a vote before its ballot's deadline) waits at most between two tries. */
export const URGENT_RETRY_MS = 10_000;

/**
 * What to do after a failed attempt: the next try (attempt n failed → wait initial·2^(n-1),
 * capped), or give up when the peer refused (a 4xx that is not 401, 408 or 429) or the window
 * since the first failure has passed. Until `urgentUntil` (a ballot's vote, delegation or
 * attestation before its deadline) the next try is at most URGENT_RETRY_MS away and the window
 * never closes. Jitter is a parameter (0..1) so the rule stays pure.
 */
export function nextAttempt(
  schedule: RetrySchedule,
  failure: {
    attempts: number;
    firstFailedAt: Date;
    now: Date;
    status: number | null;
    jitter: number;
    urgentUntil?: Date | null;
  },
): { kind: "retry"; at: Date } | { kind: "refused" } | { kind: "unreachable" } {
  const { status } = failure;
  if (status !== null && status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429)
    return { kind: "refused" };
  const now = failure.now.getTime();
  const urgent = failure.urgentUntil != null && now < failure.urgentUntil.getTime();
  const elapsed = now - failure.firstFailedAt.getTime();
  if (elapsed >= schedule.retryForMs && !urgent) return { kind: "unreachable" };
  const exponent = Math.min(Math.max(failure.attempts - 1, 0), 30);
  const base = Math.min(schedule.maxDelayMs, schedule.initialDelayMs * 2 ** exponent);
  const delay = Math.round(base * (0.8 + 0.4 * failure.jitter));
  const windowEnd = failure.firstFailedAt.getTime() + schedule.retryForMs;
  const at = urgent ? now + Math.min(delay, URGENT_RETRY_MS) : Math.min(now + delay, windowEnd);
  return { kind: "retry", at: new Date(at) };
}
