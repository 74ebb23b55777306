import type { EventKind } from "./event.ts";

/**
 * A region's pilot group comes in its turn: every two years, between the IPGs (odd years), as the
 * programme alternates the network's meeting and the regions' own.
 */
export const isPilotGroupTurn = (year: number): boolean => year % 2 === 1;

export interface YearlyMinimum {
  year: number;
  pilotGroup: "held" | "missing" | "not-due";
  advocacy: number;
  training: number;
  /** A pilot group in its turn, at least one advocacy action, at least one training module. */
  holds: boolean;
}

/**
 * Whether a region's programme minimum holds for a year, from the events it recorded (those
 * cancelled do not count): a pilot group in its turn, one advocacy action, one training module.
 */
export function yearlyMinimum(
  year: number,
  events: readonly { kind: EventKind; startsAt: Date; status: string }[],
): YearlyMinimum {
  const inYear = events.filter((e) => e.startsAt.getUTCFullYear() === year && e.status !== "cancelled");
  const count = (kind: EventKind) => inYear.filter((e) => e.kind === kind).length;
  const held = count("pilot-group") > 0;
  const pilotGroup = held ? "held" : isPilotGroupTurn(year) ? "missing" : "not-due";
  const advocacy = count("advocacy");
  const training = count("training");
  return { year, pilotGroup, advocacy, training, holds: pilotGroup !== "missing" && advocacy > 0 && training > 0 };
}
