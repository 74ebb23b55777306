import type { Outage, RegionCode } from "@dynamo/core";
import type { Ballot } from "./ballot.ts";

/** The last part of the voting period in which the hub's own downtime extends the reception. */
export const LAST_PART_MS = 60 * 60 * 1000;
/** The most the hub's downtime extends a ballot's reception. */
export const MAX_EXTENSION_MS = 24 * 60 * 60 * 1000;
/** How long the hub waits for the regions' answers before counting. */
export const COLLECTION_MS = 60 * 1000;

/**
 * How a ballot's reception went at the hub, as the result says it: the hub's own downtime in the
 * last part of the voting period or the grace period (the tally waited that much more), and the
 * regions it asked, before counting, for the votes they still held.
 */
export interface Reception {
  /** The hub's outages within [closesAt − LAST_PART_MS, deadline), clipped to it. */
  downtime: Outage[];
  /** Their total, capped at MAX_EXTENSION_MS: how much longer the hub received votes. */
  downtimeMs: number;
  /** When the hub started asking the regions; null while it has not. */
  collectingSince: Date | null;
  /** The regions of the electorate the hub asked. */
  asked: RegionCode[];
  /** Each region's answer: when, and how many votes it still held. */
  answers: { regionCode: RegionCode; at: Date; votes: number }[];
}

export const NO_RECEPTION: Reception = { downtime: [], downtimeMs: 0, collectingSince: null, asked: [], answers: [] };

/**
 * How long the hub's own downtime extends a ballot's reception: the time it was down in the last
 * hour of voting or in the grace period. An outage that starts before the deadline pushes the
 * deadline by its whole length (so an outage across the deadline counts whole, and a later one
 * within the pushed deadline counts too), up to MAX_EXTENSION_MS.
 */
export function downtimeExtension(
  ballot: Pick<Ballot, "closesAt" | "graceMs">,
  outages: readonly Outage[],
): { ms: number; counted: Outage[] } {
  const windowStart = ballot.closesAt.getTime() - LAST_PART_MS;
  let deadline = ballot.closesAt.getTime() + ballot.graceMs;
  let ms = 0;
  const counted: Outage[] = [];
  const sorted = [...outages].sort((a, b) => a.from.getTime() - b.from.getTime());
  let covered = windowStart;
  for (const outage of sorted) {
    // Overlapping outages (two processes' views of one) count once.
    const from = Math.max(outage.from.getTime(), covered);
    const to = outage.to.getTime();
    if (to <= from) continue;
    if (from >= deadline || ms >= MAX_EXTENSION_MS) break;
    const length = Math.min(to - from, MAX_EXTENSION_MS - ms);
    counted.push({ from: new Date(from), to: new Date(from + length) });
    ms += length;
    deadline += length;
    covered = from + length;
  }
  return { ms, counted };
}

/** Whether every region asked has answered: the hub need not wait out the collection. */
export function everyoneAnswered(reception: Reception): boolean {
  return reception.asked.every((code) => reception.answers.some((a) => a.regionCode === code));
}
