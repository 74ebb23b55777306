import { ballotsArea } from "@dynamo/ballots";
import { identityArea } from "@dynamo/identity";
import { networkArea } from "@dynamo/network";
import type { AreaDefinition } from "@dynamo/node";
import { procedureArea } from "@dynamo/procedure";
import { reportsArea } from "@dynamo/reports";

/**
 * The areas every node is assembled from, in the order their middleware, routes and home-page
 * sections come (identity first: it finds who is asking). Adding an area is a package and one
 * entry here.
 */
export const areas: readonly AreaDefinition[] = [identityArea, networkArea, ballotsArea, reportsArea, procedureArea];
