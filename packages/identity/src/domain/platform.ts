import type { CountryCode, PlatformId, PlatformStatus, TenantId } from "@dynamo/core";
import { LOCALES, type Locale, type LocalizedText, parseCountryCode } from "@dynamo/core";

export interface PlatformContact {
  email: string | null;
  phone: string | null;
  address: string | null;
  website: string | null;
}

/** A national platform: the network's members, one per country in a region. */
export interface Platform {
  id: PlatformId;
  tenantId: TenantId;
  /** How the whole network names it (its id is this region's only). */
  countryCode: CountryCode;
  names: LocalizedText;
  status: PlatformStatus;
  joinedOn: string;
  contact: PlatformContact;
  createdAt: Date;
  updatedAt: Date;
}

/** One change of a platform's status: who, when, why. The first entry has no `from`. */
export interface PlatformStatusChange {
  platformId: PlatformId;
  from: PlatformStatus | null;
  to: PlatformStatus;
  reason: string;
  changedBy: string | null;
  changedByName: string | null;
  changedAt: Date;
}

export interface NewPlatform {
  countryCode: string;
  names: LocalizedText;
  status: PlatformStatus;
  joinedOn: string;
  contact: PlatformContact;
}

export type PlatformProblem =
  | { kind: "invalid-country"; countryCode: string }
  | { kind: "no-name" }
  | { kind: "invalid-date"; joinedOn: string }
  | { kind: "reason-required" }
  | { kind: "same-status"; status: PlatformStatus };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a new platform; returns the canonical input or every problem found. */
export function validateNewPlatform(input: NewPlatform): { problems: PlatformProblem[]; platform: NewPlatform } {
  const problems: PlatformProblem[] = [];
  const countryCode = parseCountryCode(input.countryCode);
  if (countryCode === null) problems.push({ kind: "invalid-country", countryCode: input.countryCode });
  const names = cleanNames(input.names);
  if (Object.keys(names).length === 0) problems.push({ kind: "no-name" });
  if (!isIsoDate(input.joinedOn)) problems.push({ kind: "invalid-date", joinedOn: input.joinedOn });
  return { problems, platform: { ...input, countryCode: countryCode ?? input.countryCode, names } };
}

/**
 * A status change needs a reason and a different status. Any status may follow any other: a
 * suspended platform may come back as an observer or as active, by decision of the region.
 */
export function checkStatusChange(
  current: PlatformStatus,
  next: PlatformStatus,
  reason: string,
): PlatformProblem | null {
  if (current === next) return { kind: "same-status", status: next };
  if (reason.trim() === "") return { kind: "reason-required" };
  return null;
}

/** Only active platforms hold a vote. */
export function platformVotes(platform: Pick<Platform, "status">): boolean {
  return platform.status === "active";
}

export function cleanNames(names: LocalizedText): LocalizedText {
  const out: LocalizedText = {};
  for (const locale of LOCALES as readonly Locale[]) {
    const value = names[locale]?.trim();
    if (value) out[locale] = value;
  }
  return out;
}

function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
