import { createNodeApp, type NodeAppDeps } from "@dynamo/node-kit";

export type HubAppDeps = Omit<NodeAppDeps, "kind">;

/** The international hub's HTTP application. Pure: building it opens nothing and listens nowhere. */
export function createApp(deps: HubAppDeps) {
  return createNodeApp({ ...deps, kind: "hub" });
}
