import type { Db } from "@dynamo/db";
import type { HomeContribution, HomeItem, HomeViewer } from "@dynamo/node";
import { createLifeRepo } from "./db/repos.ts";
import type { NetworkEvent } from "./domain/event.ts";

/**
 * The network's life on a person's home, as what comes next: the next International Pilot Group
 * and, at a region, its next pilot group meeting (at the hub, every region's next one).
 */
export async function lifeHomeItems(db: Db, viewer: HomeViewer): Promise<HomeContribution> {
  const { t, tenant } = viewer;
  if (!viewer.may("life.read")) return { items: [], watches: [] };
  const upcoming = (await createLifeRepo(db, tenant.id).events({ from: viewer.now })).filter(
    (e) => e.status !== "cancelled",
  );
  const item = (event: NetworkEvent): HomeItem => ({
    when: "next",
    title: event.name,
    detail: t(event.kind === "ipg" ? "life.kind.ipg" : "life.kind.pilot-group"),
    due: event.startsAt,
    href: `/life/events/${event.id}`,
    action: t("life.home.see"),
  });
  const items: HomeItem[] = [];
  const ipg = upcoming.find((e) => e.kind === "ipg");
  if (ipg !== undefined) items.push(item(ipg));
  const pilotGroups = upcoming.filter(
    (e) => e.kind === "pilot-group" && (tenant.kind === "hub" || e.regionCode === tenant.regionCode),
  );
  const regions = new Set<string | null>();
  for (const event of pilotGroups) {
    if (regions.has(event.regionCode)) continue;
    regions.add(event.regionCode);
    items.push(item(event));
  }
  return { items, watches: [] };
}
