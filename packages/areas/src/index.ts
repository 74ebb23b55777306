import { ballotsArea } from "@dynamo/ballots";
import { identityArea } from "@dynamo/identity";
import { activitiesOfYear, lifeArea } from "@dynamo/life";
import { networkArea } from "@dynamo/network";
import type { AreaDefinition } from "@dynamo/node";
import { procedureArea } from "@dynamo/procedure";
import { createReportsArea } from "@dynamo/reports";

/** Reports, its new annual activity reports pre-filled with the year's activities the network-life area recorded. */
const reportsArea = createReportsArea({ activities: activitiesOfYear });

/**
 * The areas every node is assembled from, in the order their middleware, routes and home-page
 * sections come (identity first: it finds who is asking). Adding an area is a package and one
 * entry here.
 */
export const areas: readonly AreaDefinition[] = [
  identityArea,
  networkArea,
  ballotsArea,
  reportsArea,
  procedureArea,
  lifeArea,
];
