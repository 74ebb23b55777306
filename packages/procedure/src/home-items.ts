import type { Db } from "@dynamo/db";
import type { HomeContribution, HomeItem, HomeViewer } from "@dynamo/node";
import type { MessageKey } from "@dynamo/ui";
import { createAmendmentRepo, createVersionRepo, type StoredAmendment } from "./db/repo.ts";
import { isStale } from "./domain/amendment.ts";
import { textName } from "./views/common.tsx";

/** What the secretariat does next with an amendment in each state, and the words of its link. */
const SECRETARIAT_STEPS = {
  submitted: "procedure.home.decide",
  admissible: "procedure.home.schedule",
  adopted: "procedure.home.apply",
} as const satisfies Partial<Record<StoredAmendment["state"], MessageKey>>;

const titleOf = (viewer: HomeViewer, amendment: StoredAmendment) =>
  viewer.t("procedure.home.amendment", { text: textName(viewer.t, amendment.textKey), author: amendment.author.name });

/**
 * The amendments on a person's home. At the hub, for the secretariat: those to decide
 * (admissibility), to put to the IPG's vote, or to apply once adopted. At a region: the author's
 * own amendment to rebase on a newer version, and, for every member, the amendments put to the
 * IPG's vote (what comes next for the region's rules).
 */
export async function procedureHomeItems(db: Db, viewer: HomeViewer): Promise<HomeContribution> {
  const { t, tenant, person } = viewer;
  const amendments = createAmendmentRepo(db, tenant.id);
  if (tenant.kind === "hub") {
    if (!viewer.may("procedure.manage")) return { items: [], watches: [] };
    const items = (await amendments.list()).flatMap((amendment): HomeItem[] => {
      const step = (SECRETARIAT_STEPS as Partial<Record<string, MessageKey>>)[amendment.state];
      if (step === undefined) return [];
      return [
        {
          when: "now",
          title: titleOf(viewer, amendment),
          detail: t(`procedure.state.${amendment.state}` as MessageKey),
          href: `/amendments/${amendment.id}`,
          action: t(step),
        },
      ];
    });
    return { items, watches: [t("procedure.home.watch.secretariat")] };
  }
  if (!viewer.may("procedure.read")) return { items: [], watches: [] };
  const versions = createVersionRepo(db, tenant.id);
  const items: HomeItem[] = [];
  for (const amendment of await amendments.list()) {
    const href = `/amendments/${amendment.id}`;
    if (amendment.state === "scheduled") {
      items.push({
        when: "next",
        title: titleOf(viewer, amendment),
        detail: t("procedure.state.scheduled"),
        href,
        action: t("procedure.home.read"),
      });
      continue;
    }
    if (amendment.author.personId !== person.id) continue;
    if (amendment.state !== "submitted" && amendment.state !== "admissible") continue;
    const current = await versions.current(amendment.textKey);
    if (current !== undefined && isStale(amendment, current.number)) {
      items.push({
        when: "now",
        title: titleOf(viewer, amendment),
        detail: t("procedure.home.stale", { version: current.number }),
        href,
        action: t("procedure.home.rebase"),
        urgent: true,
      });
    }
  }
  return { items, watches: [t("procedure.home.watch.region")] };
}
