import type { Brand } from "../tenant.ts";

export type { PlatformId } from "../identity/platform.ts";

/** An IPG ballot, issued by the hub. */
export type BallotId = Brand<string, "BallotId">;

/** One signed vote, as received by the hub (the id of the activity that carried it). */
export type VoteId = Brand<string, "VoteId">;

/** Compares two strings by UTF-16 code units: the same order on every machine, unlike localeCompare. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
