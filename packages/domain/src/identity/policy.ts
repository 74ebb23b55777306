import type { Tenant, TenantId, TenantKind } from "../tenant.ts";
import { adminRoleFor, HUB_ROLES, REGION_ROLES, type Role } from "./roles.ts";

/**
 * Every action a request may ask for. Each route names one; `may` decides it. Public actions
 * need no session (logging in, accepting an invitation, finishing a password reset).
 */
export const ACTIONS = [
  "session.login",
  "invitation.accept",
  "password.reset",
  "session.logout",
  "profile.read",
  "profile.update",
  "members.list",
  "members.invite",
  "members.update",
  "members.reset-password",
  "members.revoke-sessions",
  "platforms.list",
  "platforms.create",
  "platforms.update",
  "audit.read",
  "reports.read",
  "reports.create",
  "reports.write-section",
  "reports.coordinate",
  "reports.decide",
  "reports.dashboard",
  "reports.export",
  "reports.define",
  "peers.list",
  "peers.manage",
  "publications.create",
  "delivery.read",
  "ballots.list",
  "ballots.vote",
  "ballots.manage",
  "ballots.record-in-room",
] as const;
export type Action = (typeof ACTIONS)[number];

export const PUBLIC_ACTIONS = [
  "session.login",
  "invitation.accept",
  "password.reset",
] as const satisfies readonly Action[];
export type PublicAction = (typeof PUBLIC_ACTIONS)[number];
/** The actions that need a signed-in person of the tenant. */
export type ProtectedAction = Exclude<Action, PublicAction>;

export function isPublicAction(action: Action): action is PublicAction {
  return (PUBLIC_ACTIONS as readonly Action[]).includes(action);
}

/** Who is asking: a signed-in person of one tenant, with that tenant's roles. */
export interface Principal {
  personId: string;
  tenantId: TenantId;
  roles: readonly Role[];
}

/** The roles granted each non-public action, per kind of tenant. An action absent here is nobody's. */
const GRANTS: Record<TenantKind, Partial<Record<ProtectedAction, readonly Role[]>>> = {
  region: {
    "session.logout": REGION_ROLES,
    "profile.read": REGION_ROLES,
    "profile.update": REGION_ROLES,
    "members.list": ["regional_coordinator", "node_admin"],
    "members.invite": ["regional_coordinator", "node_admin"],
    "members.update": ["regional_coordinator", "node_admin"],
    "members.reset-password": ["regional_coordinator", "node_admin"],
    "members.revoke-sessions": ["node_admin"],
    "platforms.list": REGION_ROLES,
    "platforms.create": ["regional_coordinator", "node_admin"],
    "platforms.update": ["regional_coordinator", "node_admin"],
    "audit.read": ["node_admin"],
    "reports.read": ["platform_representative", "regional_coordinator", "node_admin"],
    "reports.create": ["regional_coordinator"],
    "reports.write-section": ["platform_representative", "regional_coordinator"],
    "reports.coordinate": ["regional_coordinator"],
    "reports.export": ["regional_coordinator", "node_admin"],
    "reports.define": ["regional_coordinator", "node_admin"],
    "peers.list": ["regional_coordinator", "node_admin"],
    "peers.manage": ["node_admin"],
    "publications.create": ["regional_coordinator", "node_admin"],
    "delivery.read": ["node_admin"],
    "ballots.list": REGION_ROLES,
    "ballots.vote": ["platform_representative"],
  },
  hub: {
    "session.logout": HUB_ROLES,
    "profile.read": HUB_ROLES,
    "profile.update": HUB_ROLES,
    "members.list": ["hub_admin", "ipg_secretariat"],
    "members.invite": ["hub_admin"],
    "members.update": ["hub_admin"],
    "members.reset-password": ["hub_admin"],
    "members.revoke-sessions": ["hub_admin"],
    "audit.read": ["hub_admin"],
    "reports.read": ["technical_team", "ipg_secretariat", "hub_admin"],
    "reports.decide": ["technical_team"],
    "reports.dashboard": ["technical_team", "ipg_secretariat", "hub_admin"],
    "reports.export": ["technical_team", "ipg_secretariat"],
    "reports.define": ["technical_team"],
    "peers.list": ["hub_admin", "technical_team"],
    "peers.manage": ["hub_admin"],
    "publications.create": ["hub_admin", "ipg_secretariat"],
    "delivery.read": ["hub_admin", "technical_team"],
    "ballots.list": HUB_ROLES,
    "ballots.manage": ["ipg_secretariat"],
    "ballots.record-in-room": ["ipg_secretariat"],
  },
};

export type Decision = { allowed: true } | { allowed: false; reason: "unauthenticated" | "forbidden" };

/**
 * May this principal (or an anonymous visitor) do this action on this tenant? A principal of
 * another tenant is forbidden everything but the public actions.
 */
export function may(principal: Principal | undefined, action: Action, tenant: Pick<Tenant, "id" | "kind">): Decision {
  if (isPublicAction(action)) return { allowed: true };
  if (principal === undefined) return { allowed: false, reason: "unauthenticated" };
  if (principal.tenantId !== tenant.id) return { allowed: false, reason: "forbidden" };
  const granted = GRANTS[tenant.kind][action as ProtectedAction] ?? [];
  return principal.roles.some((role) => granted.includes(role))
    ? { allowed: true }
    : { allowed: false, reason: "forbidden" };
}

/** The actions a principal may take on a tenant: what a page shows in its navigation. */
export function allowedActions(principal: Principal | undefined, tenant: Pick<Tenant, "id" | "kind">): Action[] {
  return ACTIONS.filter((action) => may(principal, action, tenant).allowed);
}

/**
 * Granting or taking a tenant's administrator role is for its administrators only, and only an
 * administrator may change another administrator's roles: a coordinator cannot raise themself.
 */
export function mayAssignRoles(
  principal: Principal,
  kind: TenantKind,
  change: { before: readonly Role[]; after: readonly Role[] },
): boolean {
  const admin = adminRoleFor(kind);
  if (principal.roles.includes(admin)) return true;
  return !change.before.includes(admin) && !change.after.includes(admin);
}
