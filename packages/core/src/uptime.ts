/** A stretch of time when no process of the node was running: nothing was received or sent. */
export interface Outage {
  from: Date;
  to: Date;
}

/** One process's life as its heartbeat recorded it: from its start to its last beat. */
export interface UpSpan {
  startedAt: Date;
  lastBeatAt: Date;
}

/**
 * The node's outages from its processes' heartbeats: the gaps between the union of their spans
 * (several processes of one node overlap), and the gap still open now when the last beat is
 * older than `staleMs` (the node is starting, and no process has beaten yet). Ordered, disjoint.
 */
export function outagesOf(spans: readonly UpSpan[], now: Date, staleMs: number): Outage[] {
  const sorted = [...spans].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  const outages: Outage[] = [];
  let upTo: number | undefined;
  for (const span of sorted) {
    const start = span.startedAt.getTime();
    const end = Math.max(start, span.lastBeatAt.getTime());
    if (upTo !== undefined && start > upTo) outages.push({ from: new Date(upTo), to: new Date(start) });
    upTo = upTo === undefined ? end : Math.max(upTo, end);
  }
  if (upTo !== undefined && now.getTime() - upTo > staleMs) outages.push({ from: new Date(upTo), to: now });
  return outages;
}
