import { areas } from "@dynamo/areas";
import { type BuildNodeOptions, buildNode } from "@dynamo/node";

/** The international hub, built from every area. Pure: nothing starts and nothing listens. */
export function createHubNode(options: Omit<BuildNodeOptions, "kind" | "areas">) {
  return buildNode({ ...options, kind: "hub", areas });
}
