import type { Tenant } from "@dynamo/core";

/**
 * What Fedify carries into our dispatchers and listeners. A request brings the tenant its Host
 * picked; the queue worker serves every tenant of the node, so it carries none and the tenant is
 * found again from the context's host (the origin the task was queued under).
 */
export interface FederationContextData {
  tenant: Tenant | undefined;
}
