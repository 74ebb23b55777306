import {
  type Action,
  allowedActions as allowedIn,
  combinePolicies,
  HUB_ROLES,
  mayAssignRoles,
  may as mayIn,
  type Principal,
  REGION_ROLES,
  type Role,
  type Tenant,
  type TenantId,
} from "@dynamo/core";
import { describe, expect, it } from "vitest";
import { identityPolicy } from "./policy.ts";

/** The identity area's policy, as the node puts it together with the others'. */
const policy = combinePolicies([identityPolicy]);
const may = (principal: Principal | undefined, action: Action, tenant: Pick<Tenant, "id" | "kind">) =>
  mayIn(policy, principal, action, tenant);
const allowedActions = (principal: Principal | undefined, tenant: Pick<Tenant, "id" | "kind">) =>
  allowedIn(policy, principal, tenant);

const region = { id: "region-1" as TenantId, kind: "region" as const };
const hub = { id: "hub-1" as TenantId, kind: "hub" as const };
const as = (tenantId: TenantId, ...roles: Role[]) => ({ personId: "p", tenantId, roles });

/** The identity area's actions a region grants; other areas test theirs beside their own code. */
type IdentityAction = keyof typeof identityPolicy.region & Action;

/** The expected matrix, written out by hand so that a change to the policy shows here. */
const REGION_MATRIX: Record<IdentityAction, readonly Role[]> = {
  "session.logout": REGION_ROLES,
  "profile.read": REGION_ROLES,
  "profile.update": REGION_ROLES,
  "members.list": ["regional_coordinator", "node_admin"],
  "members.invite": ["regional_coordinator", "node_admin"],
  "members.update": ["regional_coordinator", "node_admin"],
  "members.reset-password": ["regional_coordinator", "node_admin"],
  "members.revoke-sessions": ["node_admin"],
  "members.disable": ["node_admin"],
  "members.delete": ["regional_coordinator", "node_admin"],
  "platforms.list": REGION_ROLES,
  "platforms.create": ["regional_coordinator", "node_admin"],
  "platforms.update": ["regional_coordinator", "node_admin"],
  "audit.read": ["node_admin"],
};

describe("may", () => {
  it("answers the whole region matrix, role by action", () => {
    for (const role of REGION_ROLES) {
      for (const [action, roles] of Object.entries(REGION_MATRIX) as [IdentityAction, readonly Role[]][]) {
        expect(may(as(region.id, role), action, region), `${role} ${action}`).toEqual(
          roles.includes(role) ? { allowed: true } : { allowed: false, reason: "forbidden" },
        );
      }
    }
  });

  it("lets anyone take the public actions, and nobody else without a session", () => {
    for (const action of policy.actions) {
      const expected = policy.isPublic(action) ? { allowed: true } : { allowed: false, reason: "unauthenticated" };
      expect(may(undefined, action, region), action).toEqual(expected);
    }
  });

  it("forbids a principal of another tenant everything but the public actions, even an admin", () => {
    const stranger = as("region-2" as TenantId, "node_admin");
    expect(allowedActions(stranger, region)).toEqual([
      "session.login",
      "invitation.accept",
      "password.reset",
      "password.forgot",
    ]);
    expect(may(stranger, "members.list", region)).toEqual({ allowed: false, reason: "forbidden" });
  });

  it("gives no one the platform actions on the hub, and region roles nothing there", () => {
    for (const role of HUB_ROLES) {
      expect(may(as(hub.id, role), "platforms.create", hub).allowed).toBe(false);
    }
    expect(allowedActions(as(hub.id, "node_admin"), hub)).toEqual([
      "session.login",
      "invitation.accept",
      "password.reset",
      "password.forgot",
    ]);
    expect(allowedActions(as(hub.id, "hub_admin"), hub)).toContain("audit.read");
    expect(may(as(hub.id, "ipg_secretariat"), "members.list", hub).allowed).toBe(true);
    expect(may(as(hub.id, "technical_team"), "members.list", hub).allowed).toBe(false);
  });
});

describe("mayAssignRoles", () => {
  const coordinator = as(region.id, "regional_coordinator");
  it("keeps the admin role for admins", () => {
    expect(mayAssignRoles(coordinator, "region", { before: ["member"], after: ["platform_representative"] })).toBe(
      true,
    );
    expect(mayAssignRoles(coordinator, "region", { before: ["member"], after: ["node_admin"] })).toBe(false);
    expect(mayAssignRoles(coordinator, "region", { before: ["node_admin"], after: ["member"] })).toBe(false);
    expect(mayAssignRoles(as(region.id, "node_admin"), "region", { before: [], after: ["node_admin"] })).toBe(true);
  });
});
