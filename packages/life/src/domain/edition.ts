import type { Locale, RegionCode, Result } from "@dynamo/core";
import type { Continent } from "./rotation.ts";

/** An IPG edition's life: planned → convened → in session → closed → minutes approved (its documents and minutes: ipg-document.ts). */
export const EDITION_STATUSES = ["planned", "convened", "in-session", "closed", "minutes-approved"] as const;
export type EditionStatus = (typeof EDITION_STATUSES)[number];

export const nextEditionStatus = (status: EditionStatus): EditionStatus | undefined =>
  EDITION_STATUSES[EDITION_STATUSES.indexOf(status) + 1];

export const isEditionStatus = (value: string): value is EditionStatus =>
  (EDITION_STATUSES as readonly string[]).includes(value);

/** Why an edition cannot move to the status asked. */
export type TransitionRefusal =
  | { kind: "status-unchanged"; status: EditionStatus }
  | { kind: "status-goes-back"; from: EditionStatus; to: EditionStatus }
  | { kind: "status-skips"; from: EditionStatus; to: EditionStatus; next: EditionStatus }
  /** "Minutes approved" is reached only by the adoption of the minutes' IPG ballot. */
  | { kind: "minutes-need-ballot" };

/**
 * An edition moves one step at a time along planned → convened → in session → closed → minutes
 * approved, never back and never skipping; the secretariat moves it up to closed, and only the
 * minutes' adopted ballot moves it to minutes approved.
 */
export function changeEditionStatus(
  current: EditionStatus,
  target: EditionStatus,
  by: "secretariat" | "minutes-ballot",
): Result<EditionStatus, TransitionRefusal> {
  const from = EDITION_STATUSES.indexOf(current);
  const to = EDITION_STATUSES.indexOf(target);
  if (to === from) return { ok: false, error: { kind: "status-unchanged", status: current } };
  if (to < from) return { ok: false, error: { kind: "status-goes-back", from: current, to: target } };
  const next = nextEditionStatus(current);
  if (next === undefined || to > from + 1)
    return { ok: false, error: { kind: "status-skips", from: current, to: target, next: next ?? current } };
  if (target === "minutes-approved" && by !== "minutes-ballot")
    return { ok: false, error: { kind: "minutes-need-ballot" } };
  return { ok: true, value: target };
}

/** What an agenda item may point to: a ballot, an amendment, or a region's status report presentation. */
export type AgendaLink =
  | { kind: "ballot"; id: string }
  | { kind: "amendment"; id: string }
  | { kind: "status-report"; region: RegionCode; reportId: string | null };

export interface AgendaItem {
  title: string;
  minutes: number;
  link: AgendaLink | null;
  items: { title: string; minutes: number }[];
}

export interface IpgEdition {
  id: string;
  year: number;
  continent: Continent;
  country: string;
  city: string;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  status: EditionStatus;
  repeatReason: string | null;
  capacity: number;
  agenda: AgendaItem[];
  /** Its Event's ActivityPub id. */
  eventUri: string;
}

export type AgendaProblem =
  | { kind: "sub-items-too-long"; index: number }
  | { kind: "agenda-too-long"; minutes: number };

/** An agenda holds: each item's sub-items fit in its time, the whole within the edition's days (10 h a day). */
export function checkAgenda(agenda: readonly AgendaItem[], days: number): AgendaProblem[] {
  const problems: AgendaProblem[] = [];
  agenda.forEach((item, index) => {
    const sub = item.items.reduce((sum, s) => sum + s.minutes, 0);
    if (sub > item.minutes) problems.push({ kind: "sub-items-too-long", index });
  });
  const total = agenda.reduce((sum, item) => sum + item.minutes, 0);
  if (total > days * 600) problems.push({ kind: "agenda-too-long", minutes: total });
  return problems;
}

/** A platform's delegation to an IPG edition. */
export const DELEGATION_STATUSES = ["pending", "accepted", "waitlisted", "refused"] as const;
export type DelegationStatus = (typeof DELEGATION_STATUSES)[number];

export interface Delegation {
  id: string;
  editionId: string;
  regionCode: RegionCode;
  countryCode: string;
  representative: string;
  substitute: string | null;
  observers: string[];
  interpretation: Locale[];
  status: DelegationStatus;
  reason: string | null;
  registeredAt: Date;
  decidedAt: Date | null;
}

/** The people a delegation brings: its seats count against the edition's capacity. */
export const seatsOf = (d: Pick<Delegation, "substitute" | "observers">) =>
  1 + (d.substitute === null ? 0 : 1) + d.observers.length;

export type DelegationRefusal = { kind: "over-capacity"; free: number; seats: number } | { kind: "already-decided" };

/**
 * What the hub answers a delegation arriving: pending (for the secretariat) while the accepted
 * seats leave room for it, waitlisted otherwise. Always an answer.
 */
export function admitDelegation(capacity: number, acceptedSeats: number, seats: number): DelegationStatus {
  return acceptedSeats + seats <= capacity ? "pending" : "waitlisted";
}

/** The secretariat's decision: accepting needs free seats; a refused delegation stays refused. */
export function decideDelegationStatus(
  current: DelegationStatus,
  decision: "accepted" | "waitlisted" | "refused",
  capacity: number,
  acceptedSeats: number,
  seats: number,
): Result<DelegationStatus, DelegationRefusal> {
  if (current === "refused") return { ok: false, error: { kind: "already-decided" } };
  if (decision === "accepted" && current !== "accepted" && acceptedSeats + seats > capacity) {
    return { ok: false, error: { kind: "over-capacity", free: Math.max(0, capacity - acceptedSeats), seats } };
  }
  return { ok: true, value: decision };
}
