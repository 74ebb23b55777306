import type { NetworkServices } from "@dynamo/federation";
import type { HomeContribution, HomeItem, HomeViewer } from "@dynamo/node";

/**
 * Federation's work on a person's home: for whoever reads the delivery status, each peer whose
 * deliveries keep failing; for whoever decides peerings, each request waiting for an answer.
 */
export async function networkHomeItems(network: NetworkServices, viewer: HomeViewer): Promise<HomeContribution> {
  const { t, tenant } = viewer;
  const items: HomeItem[] = [];
  const watches: string[] = [];
  const readsDelivery = viewer.may("delivery.read");
  const managesPeers = viewer.may("peers.manage");
  if (!readsDelivery && !managesPeers) return { items, watches };
  const peers = await network.listPeers(tenant);
  const nameOf = (actorId: string) => peers.find((p) => p.actorId === actorId)?.name ?? new URL(actorId).host;
  if (readsDelivery) {
    watches.push(t("network.home.watch.delivery"));
    const { peers: summaries } = await network.deliveryStatus(tenant);
    for (const summary of summaries) {
      if (summary.failingSince === null) continue;
      items.push({
        when: "now",
        title: t("network.home.failing", { peer: nameOf(summary.peerActorId) }),
        detail: t("network.home.failingCounts", {
          retrying: summary.counts.retrying,
          unreachable: summary.counts.unreachable,
        }),
        due: summary.failingSince,
        href: "/admin/delivery",
        action: t("network.home.delivery"),
        urgent: true,
      });
    }
  }
  if (managesPeers) {
    watches.push(t("network.home.watch.peering"));
    for (const peer of peers) {
      if (peer.state !== "requested" || peer.direction !== "incoming") continue;
      items.push({
        when: "now",
        title: t("network.home.peering", { peer: peer.name ?? new URL(peer.actorId).host }),
        due: peer.since,
        href: "/admin/peers",
        action: t("network.home.decide"),
      });
    }
  }
  return { items, watches };
}
