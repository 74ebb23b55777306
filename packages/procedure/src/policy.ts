import { type ActionsOf, definePolicy } from "@dynamo/core";

/**
 * The rules of procedure's actions. Every member reads and proposes at their region (the author
 * withdraws and rebases, checked by the domain); the regional coordinator drafts and submits the
 * region's ROI; the IPG secretariat imports the international ROI, decides admissibility,
 * schedules and applies at the hub.
 */
export const procedurePolicy = definePolicy({
  region: {
    "procedure.read": ["member", "platform_representative", "regional_coordinator", "node_admin"],
    "procedure.propose": ["member", "platform_representative", "regional_coordinator"],
    "procedure.comment": ["member", "platform_representative", "regional_coordinator"],
    "procedure.import": ["regional_coordinator"],
    "procedure.draft": ["regional_coordinator"],
  },
  hub: {
    "procedure.read": ["hub_admin", "technical_team", "ipg_secretariat"],
    "procedure.import": ["ipg_secretariat"],
    "procedure.manage": ["ipg_secretariat"],
  },
});

declare module "@dynamo/core" {
  interface ActionRegistry extends ActionsOf<typeof procedurePolicy> {}
}
