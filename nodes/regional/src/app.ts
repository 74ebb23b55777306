import { areas } from "@dynamo/areas";
import { type BuildNodeOptions, buildNode } from "@dynamo/node";

/** The regional node, built from every area. Pure: nothing starts and nothing listens. */
export function createRegionalNode(options: Omit<BuildNodeOptions, "kind" | "areas">) {
  return buildNode({ ...options, kind: "region", areas });
}
