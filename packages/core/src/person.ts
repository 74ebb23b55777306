import type { Locale } from "./locale.ts";
import type { PlatformSeat, Role } from "./roles.ts";
import type { Brand, TenantId } from "./tenant.ts";

export type PersonId = Brand<string, "PersonId">;

/** A national platform's id on its own region's node (a row id, not its country code). */
export type PlatformId = Brand<string, "PlatformId">;

/** Only an active platform votes; an observer takes part without a vote; a suspended one neither. */
export const PLATFORM_STATUSES = ["active", "observer", "suspended"] as const;
export type PlatformStatus = (typeof PLATFORM_STATUSES)[number];

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
  /** pending: invited, not joined yet; disabled: an administrator closed the account (kept, may be re-enabled). */
  status: "pending" | "active" | "disabled";
  createdAt: Date;
}
