import { createNodeApp, type NodeAppDeps } from "@dynamo/node-kit";

export type RegionalAppDeps = Omit<NodeAppDeps, "kind">;

/** The regional node's HTTP application. Pure: building it opens nothing and listens nowhere. */
export function createApp(deps: RegionalAppDeps) {
  return createNodeApp({ ...deps, kind: "region" });
}
