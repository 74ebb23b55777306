import { pickLocalized, REGION_NAMES } from "@dynamo/core";
import { createPlatformRepo } from "@dynamo/identity";
import type { HomeContribution, HomeItem, HomeViewer } from "@dynamo/node";
import { createBallotRepo } from "./db/ballots.ts";
import { createCastVoteRepo } from "./db/cast-votes.ts";
import { createBallotResultRepo } from "./db/results.ts";
import type { BallotsDeps } from "./deps.ts";
import { acceptsVotes, type BallotRecord } from "./domain/lifecycle.ts";

const titleOf = (viewer: HomeViewer, ballot: BallotRecord) => pickLocalized(ballot.title, viewer.locale) ?? ballot.uri;

/**
 * The ballots on a person's home. At a region, for a platform's voter: each open ballot the
 * platform has not voted on yet, and each vote it holds by proxy and has not cast; ballots about
 * to open come next. At the hub, for the secretariat: each region disputing a ballot's result.
 */
export async function ballotsHomeItems(deps: BallotsDeps, viewer: HomeViewer): Promise<HomeContribution> {
  const { t, tenant, person } = viewer;
  if (tenant.kind === "region") {
    if (!viewer.may("ballots.vote") || person.platformId === null || person.platformSeat === null)
      return { items: [], watches: [] };
    const platform = await createPlatformRepo(deps.db, tenant.id).findById(person.platformId);
    const watches = [t("ballots.home.watch.vote")];
    if (platform === undefined || platform.status !== "active") return { items: [], watches };
    const ballots = (await createBallotRepo(deps.db, tenant.id).list({ includeDrafts: false })).filter(
      (b) => b.role === "received" && b.status === "open",
    );
    const castVotes = createCastVoteRepo(deps.db, tenant.id);
    const items: HomeItem[] = [];
    for (const ballot of ballots) {
      const title = titleOf(viewer, ballot);
      const href = `/ballots/${ballot.id}`;
      if (ballot.opensAt.getTime() > viewer.now.getTime()) {
        items.push({
          when: "next",
          title,
          detail: t("ballots.home.opens"),
          due: ballot.opensAt,
          href,
          action: t("ballots.home.read"),
        });
        continue;
      }
      if (!acceptsVotes(ballot, viewer.now)) continue;
      if (person.platformSeat === "substitute" && !ballot.rules.substitutesAllowed) continue;
      const votes = await castVotes.list(ballot.id, [platform.id]);
      if (!votes.some((v) => v.proxyFor === null)) {
        items.push({
          when: "now",
          title,
          detail: t("ballots.home.notVoted"),
          due: ballot.closesAt,
          href,
          action: t("ballots.home.vote"),
        });
      }
      const mandates = (await createBallotRepo(deps.db, tenant.id).mandates(ballot.id)).filter(
        (m) => m.holder === platform.countryCode,
      );
      for (const mandate of mandates) {
        if (votes.some((v) => v.proxyFor === mandate.platformId)) continue;
        items.push({
          when: "now",
          title,
          detail: t("ballots.home.proxy", { platform: mandate.platformId.toUpperCase() }),
          due: ballot.closesAt,
          href,
          action: t("ballots.home.voteProxy"),
        });
      }
    }
    return { items, watches };
  }
  if (!viewer.may("ballots.manage")) return { items: [], watches: [] };
  const closed = (await createBallotRepo(deps.db, tenant.id).list({ includeDrafts: false })).filter(
    (b) => b.status === "closed",
  );
  const results = createBallotResultRepo(deps.db, tenant.id);
  const items: HomeItem[] = [];
  for (const ballot of closed) {
    for (const attestation of await results.attestations(ballot.id)) {
      if (attestation.agrees) continue;
      items.push({
        when: "now",
        title: t("ballots.home.disputed", {
          region: REGION_NAMES[attestation.regionCode][viewer.locale] ?? attestation.regionCode,
          ballot: titleOf(viewer, ballot),
        }),
        detail: attestation.problem ?? undefined,
        due: attestation.receivedAt,
        href: `/ballots/${ballot.id}`,
        action: t("ballots.home.review"),
        urgent: true,
      });
    }
  }
  return { items, watches: [t("ballots.home.watch.disputes")] };
}
