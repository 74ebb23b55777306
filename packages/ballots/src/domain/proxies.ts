import type { CountryCode } from "@dynamo/core";
import type { Ballot } from "./ballot.ts";
import { compareCodeUnits } from "./ids.ts";
import { type BallotIndex, receptionDeadline } from "./vote.ts";

/**
 * A platform's delegation of its vote in one ballot to another platform (the proxy holder), as
 * its representative signed it at its own region; `holder: null` withdraws an earlier one. The
 * latest delegation of a platform (by `signedAt`, then id) is the one that stands.
 */
export interface Delegation {
  id: string;
  platformId: CountryCode;
  holder: CountryCode | null;
  signedAt: Date;
}

/** Why the hub refuses a delegation. */
export type DelegationRefusal =
  | { kind: "proxies-not-allowed" }
  | { kind: "not-in-electorate"; platformId: CountryCode }
  | { kind: "proxy-holder-is-self" }
  | { kind: "proxy-holder-not-in-electorate"; holder: CountryCode }
  | { kind: "proxy-cap-exceeded"; holder: CountryCode; maxProxiesPerHolder: number }
  | { kind: "invalid-timestamp" }
  | { kind: "ballot-not-open"; opensAt: Date }
  | { kind: "ballot-closed"; closesAt: Date }
  | { kind: "received-after-grace"; deadline: Date };

function compareDelegations(a: Delegation, b: Delegation): number {
  const byTime = a.signedAt.getTime() - b.signedAt.getTime();
  if (byTime !== 0) return byTime < 0 ? -1 : 1;
  return compareCodeUnits(a.id, b.id);
}

/**
 * The mandates in force: for each platform whose latest delegation names a holder, that
 * delegation. Whatever order the delegations come in, the answer is the same.
 */
export function currentMandates(delegations: Iterable<Delegation>): Map<CountryCode, Delegation> {
  const latest = new Map<CountryCode, Delegation>();
  for (const delegation of delegations) {
    const current = latest.get(delegation.platformId);
    if (current === undefined || compareDelegations(delegation, current) > 0) {
      latest.set(delegation.platformId, delegation);
    }
  }
  const mandates = new Map<CountryCode, Delegation>();
  for (const [platformId, delegation] of latest) if (delegation.holder !== null) mandates.set(platformId, delegation);
  return mandates;
}

/** The platforms whose mandate a holder has, in platform id order. */
export function mandatesHeldBy(mandates: ReadonlyMap<CountryCode, Delegation>, holder: CountryCode): CountryCode[] {
  return [...mandates.values()]
    .filter((d) => d.holder === holder)
    .map((d) => d.platformId)
    .sort(compareCodeUnits);
}

/**
 * Whether the hub may accept a delegation, given those it accepted before: proxies allowed by
 * the ballot, both platforms in the electorate and distinct, signed while the ballot is open and
 * received before close + grace, and the holder not already holding as many mandates as the
 * ballot allows (a platform renewing its mandate to the same holder does not count twice). A
 * withdrawal is checked for timing and electorate only. Returns null when it passes.
 */
export function checkDelegation(
  index: BallotIndex,
  accepted: Iterable<Delegation>,
  delegation: Delegation,
  receivedAt: Date,
): DelegationRefusal | null {
  const { ballot } = index;
  if (ballot.rules.maxProxiesPerHolder === 0) return { kind: "proxies-not-allowed" };
  if (!index.electorate.has(delegation.platformId)) {
    return { kind: "not-in-electorate", platformId: delegation.platformId };
  }
  const timing = checkTiming(ballot, delegation.signedAt, receivedAt);
  if (timing !== null) return timing;
  const { holder } = delegation;
  if (holder === null) return null;
  if (holder === delegation.platformId) return { kind: "proxy-holder-is-self" };
  if (!index.electorate.has(holder)) return { kind: "proxy-holder-not-in-electorate", holder };
  const held = mandatesHeldBy(currentMandates(accepted), holder).filter((p) => p !== delegation.platformId);
  const cap = ballot.rules.maxProxiesPerHolder;
  if (held.length >= cap) return { kind: "proxy-cap-exceeded", holder, maxProxiesPerHolder: cap };
  return null;
}

function checkTiming(
  ballot: Pick<Ballot, "opensAt" | "closesAt" | "graceMs">,
  signedAt: Date,
  receivedAt: Date,
): DelegationRefusal | null {
  const signed = signedAt.getTime();
  if (Number.isNaN(signed) || Number.isNaN(receivedAt.getTime())) return { kind: "invalid-timestamp" };
  if (signed < ballot.opensAt.getTime()) return { kind: "ballot-not-open", opensAt: ballot.opensAt };
  if (signed >= ballot.closesAt.getTime()) return { kind: "ballot-closed", closesAt: ballot.closesAt };
  const deadline = receptionDeadline(ballot);
  if (receivedAt.getTime() >= deadline.getTime()) return { kind: "received-after-grace", deadline };
  return null;
}
