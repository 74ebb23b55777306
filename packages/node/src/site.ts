import { combinePolicies } from "@dynamo/core";
import { common, mergeCatalogs } from "@dynamo/ui";
import { combineProblems, kernelProblems, type NavEntry, type Site } from "@dynamo/web";
import type { AreaDefinition } from "./area.ts";
import { nodeMessages } from "./messages.ts";

/** The kernel's own navigation entry: the home page, first for everyone. */
const HOME: NavEntry = { href: "/", label: "nav.home", order: 0 };

/**
 * What every request sees of the areas the node was assembled from: one policy, one table of
 * problem kinds, one navigation, one set of catalogs. A name two areas both declare (an action,
 * a problem kind, a message key) throws here, at start, rather than meaning two things.
 */
export function assembleSite(areas: readonly AreaDefinition[]): Site {
  return {
    policy: combinePolicies(areas.flatMap((a) => (a.policy ? [a.policy] : []))),
    problems: combineProblems([kernelProblems, ...areas.flatMap((a) => (a.problems ? [a.problems] : []))]),
    navigation: [HOME, ...areas.flatMap((a) => a.navigation ?? [])].sort((a, b) => a.order - b.order),
    catalogs: mergeCatalogs([common, nodeMessages, ...areas.map((a) => a.messages)]),
  };
}
