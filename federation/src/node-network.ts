import type { TenantKind } from "@dynamo/domain";
import { createFederation, type FederationDeps, type NodeFederation } from "./federation.ts";
import { createNetwork, type Network, type NetworkOptions } from "./network.ts";

/**
 * A node's federation with its network layer wired in: what main.ts (and the test harness)
 * builds. Mount `network.middleware()` as the app's federation middleware and pass
 * `network.services` to the app; start `federation.startQueue()` and `network.start()`.
 */
/** What a node gives to build its federation and network layer. */
export type NodeNetworkOptions = Omit<
  FederationDeps,
  "findActor" | "listFollowers" | "onActivity" | "register" | "onUnverified"
> & {
  kind: TenantKind;
  network?: Omit<NetworkOptions, "db" | "kind">;
};

export function createNodeNetwork(deps: NodeNetworkOptions): { federation: NodeFederation; network: Network } {
  const network = createNetwork({
    db: deps.db,
    kind: deps.kind,
    allowPrivateAddress: deps.allowPrivateAddress ?? false,
    ...deps.network,
  });
  const federation = createFederation({ ...deps, ...network.federationHooks });
  network.attach(federation);
  return { federation, network };
}
