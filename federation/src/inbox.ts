import type { Tenant } from "@dynamo/core";
import type { InboxContext } from "@fedify/fedify";
import type { Activity } from "@fedify/vocab";
import type { FederationContextData } from "./context-data.ts";

/**
 * An activity that arrived in one of a tenant's inboxes and passed Fedify's checks: its HTTP
 * signature (or integrity proof) verified, and the signing key belongs to its actor. Plain
 * values, so use-cases handle it without knowing ActivityPub's classes.
 */
export interface ReceivedActivity {
  tenant: Tenant;
  /** The actor whose inbox received it; null for the shared inbox. */
  recipient: string | null;
  id: string | undefined;
  /** The ActivityStreams type's short name: "Follow", "Update", … */
  type: string;
  actorId: string | undefined;
  objectIds: string[];
}

/**
 * What the node does with a verified activity (the activity itself comes second, for the
 * network layer's mapping). Throwing leaves it queued for a later try.
 */
export type OnActivity = (received: ReceivedActivity, activity: Activity) => Promise<void>;

export function toReceivedActivity(
  tenant: Tenant,
  ctx: InboxContext<FederationContextData>,
  activity: Activity,
): ReceivedActivity {
  const typeId = (activity.constructor as typeof Activity).typeId.href;
  return {
    tenant,
    recipient: ctx.recipient,
    id: activity.id?.href,
    type: typeId.slice(typeId.lastIndexOf("#") + 1),
    actorId: activity.actorId?.href,
    objectIds: activity.objectIds.map((id) => id.href),
  };
}
