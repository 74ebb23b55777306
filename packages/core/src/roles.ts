import type { TenantKind } from "./tenant.ts";

/** Roles a person may hold on a regional coordination's node. */
export const REGION_ROLES = ["member", "platform_representative", "regional_coordinator", "node_admin"] as const;
/** Roles a person may hold on the international hub. */
export const HUB_ROLES = ["hub_admin", "technical_team", "ipg_secretariat"] as const;

export type RegionRole = (typeof REGION_ROLES)[number];
export type HubRole = (typeof HUB_ROLES)[number];
export type Role = RegionRole | HubRole;

export const ROLES: readonly Role[] = [...REGION_ROLES, ...HUB_ROLES];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The roles that exist on a tenant of this kind. */
export function rolesFor(kind: TenantKind): readonly Role[] {
  return kind === "hub" ? HUB_ROLES : REGION_ROLES;
}

/** The administrator role of a tenant of this kind: only it may grant or take it. */
export function adminRoleFor(kind: TenantKind): Role {
  return kind === "hub" ? "hub_admin" : "node_admin";
}

export type RoleProblem =
  | { kind: "no-role" }
  | { kind: "role-not-on-tenant"; role: string }
  | { kind: "seat-needs-platform" }
  | { kind: "seat-needs-representative-role" };

/** Where a platform representative sits: the voting representative or the substitute. */
export const PLATFORM_SEATS = ["representative", "substitute"] as const;
export type PlatformSeat = (typeof PLATFORM_SEATS)[number];

/** Checks a set of roles (and a platform seat) for a tenant; returns every problem found. */
export function validateRoles(
  kind: TenantKind,
  input: { roles: readonly string[]; platformId: string | null; platformSeat: PlatformSeat | null },
): RoleProblem[] {
  const problems: RoleProblem[] = [];
  if (input.roles.length === 0) problems.push({ kind: "no-role" });
  const allowed = rolesFor(kind) as readonly string[];
  for (const role of input.roles) if (!allowed.includes(role)) problems.push({ kind: "role-not-on-tenant", role });
  if (input.platformSeat !== null) {
    if (input.platformId === null) problems.push({ kind: "seat-needs-platform" });
    if (!input.roles.includes("platform_representative")) problems.push({ kind: "seat-needs-representative-role" });
  }
  return problems;
}

/** Roles in a stable order, without duplicates. */
export function normalizeRoles<R extends Role>(roles: readonly R[]): R[] {
  return ROLES.filter((r): r is R => (roles as readonly Role[]).includes(r));
}
