import type { RegionCode } from "@dynamo/core";

/** What the network's life is made of: IPG editions at the hub, the rest at the regions. */
export const EVENT_KINDS = [
  "ipg",
  "pilot-group",
  "advocacy",
  "training",
  "field-visit",
  "coordinators-training",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
/** The kinds a regional coordinator records. */
export const REGIONAL_KINDS = ["pilot-group", "advocacy", "training", "field-visit", "coordinators-training"] as const;
export type RegionalKind = (typeof REGIONAL_KINDS)[number];

export const PROVIDERS = ["swti", "external", "peer"] as const;
export type Provider = (typeof PROVIDERS)[number];

export const EVENT_STATUSES = ["planned", "confirmed", "cancelled"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** A pilot group's session types (its five-day programme). */
export const SESSION_TYPES = ["exchange", "field-visit", "advocacy", "training"] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

export interface Session {
  day: number;
  type: SessionType;
  title: string;
  objective: string | null;
}

export interface Place {
  country: string | null;
  city: string | null;
  address: string | null;
  /** An online meeting's address (a VirtualLocation). */
  url: string | null;
}

/** One event of the network's life, as every node keeps it (its own, or received from a peer). */
export interface NetworkEvent {
  id: string;
  /** Its ActivityPub id: the same on every node. */
  uri: string;
  kind: EventKind;
  regionCode: RegionCode | null;
  organizer: string;
  own: boolean;
  name: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  place: Place;
  status: EventStatus;
  theme: string | null;
  indicatorKey: string | null;
  provider: Provider | null;
  platforms: string[];
  participants: number | null;
  outcome: string | null;
  evidence: string[];
  sessions: Session[];
  objectives: string[];
  capacity: number | null;
  /** The hub's IPG edition this event shows (kind ipg). */
  editionId: string | null;
  /** The pilot group's host platform (country code), chosen by rotation. */
  hostCountry: string | null;
  updatedAt: Date;
}

export type EventProblem =
  | { kind: "ends-before-start" }
  | { kind: "pilot-group-days"; days: number }
  | { kind: "session-day"; day: number }
  | { kind: "provider-missing" };

const DAY_MS = 86_400_000;

/** Checks an event as recorded: it ends after it starts; a pilot group runs five days, its sessions within them; a training names its provider. */
export function checkEvent(
  event: Pick<NetworkEvent, "kind" | "startsAt" | "endsAt" | "sessions" | "provider">,
): EventProblem[] {
  const problems: EventProblem[] = [];
  if (event.endsAt.getTime() <= event.startsAt.getTime()) problems.push({ kind: "ends-before-start" });
  if (event.kind === "pilot-group") {
    const days = Math.ceil((event.endsAt.getTime() - event.startsAt.getTime()) / DAY_MS);
    if (days !== 5) problems.push({ kind: "pilot-group-days", days });
    for (const s of event.sessions) if (s.day < 1 || s.day > 5) problems.push({ kind: "session-day", day: s.day });
  }
  if ((event.kind === "training" || event.kind === "coordinators-training") && event.provider === null) {
    problems.push({ kind: "provider-missing" });
  }
  return problems;
}

/**
 * The pilot group's host platform by rotation among the region's platforms: the one that hosted
 * least recently, one that never hosted first (then in country-code order).
 */
export function proposePilotGroupHost(
  platforms: readonly string[],
  past: readonly { year: number; hostCountry: string }[],
): string | undefined {
  const last = new Map<string, number>();
  for (const p of past) last.set(p.hostCountry, Math.max(last.get(p.hostCountry) ?? Number.NEGATIVE_INFINITY, p.year));
  return [...platforms].sort().reduce<string | undefined>((best, code) => {
    if (best === undefined) return code;
    return (last.get(code) ?? Number.NEGATIVE_INFINITY) < (last.get(best) ?? Number.NEGATIVE_INFINITY) ? code : best;
  }, undefined);
}
