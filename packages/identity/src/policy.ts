import { type ActionsOf, definePolicy, HUB_ROLES, REGION_ROLES } from "@dynamo/core";

/** The identity area's actions: logging in and out, profiles, members, platforms, the audit log. */
export const identityPolicy = definePolicy({
  public: ["session.login", "invitation.accept", "password.reset", "password.forgot"],
  region: {
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
    "members.disable": ["hub_admin"],
    "members.delete": ["hub_admin"],
    "audit.read": ["hub_admin"],
  },
});

declare module "@dynamo/core" {
  interface ActionRegistry extends ActionsOf<typeof identityPolicy> {}
}
