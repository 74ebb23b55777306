import type { Locale } from "../locale.ts";
import type { Brand, TenantId } from "../tenant.ts";
import type { PlatformId } from "./platform.ts";
import type { PlatformSeat, Role } from "./roles.ts";

export type PersonId = Brand<string, "PersonId">;

/**
 * A person registered on one tenant. The same email on two tenants is two people. A person
 * invited but who has not yet chosen a password is `pending`.
 */
export interface Person {
  id: PersonId;
  tenantId: TenantId;
  email: string;
  displayName: string;
  locale: Locale;
  platformId: PlatformId | null;
  platformSeat: PlatformSeat | null;
  roles: Role[];
  status: "pending" | "active";
  createdAt: Date;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Emails compare trimmed and in lower case; returns null for something that is not an address. */
export function normalizeEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

export function cleanDisplayName(input: string): string | null {
  const name = input.trim().replace(/\s+/g, " ");
  return name.length >= 1 && name.length <= 120 ? name : null;
}
