import type { Tenant } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { createLifeRepo } from "../db/repos.ts";
import type { EventKind } from "../domain/event.ts";

/** What an annual activity report lists of one activity (the reports area's ReportActivity shape). */
export interface RecordedActivity {
  kind: "pilot-group" | "advocacy" | "training" | "field-visit" | "other";
  title: string;
  startedOn: string;
  participants: number | null;
  description: string;
}

const KIND: Record<EventKind, RecordedActivity["kind"] | undefined> = {
  ipg: undefined,
  "pilot-group": "pilot-group",
  advocacy: "advocacy",
  training: "training",
  "field-visit": "field-visit",
  "coordinators-training": "training",
};

/**
 * The region's own activities of a year, not cancelled, as an annual activity report lists them
 * (its theme, provider and outcome in the description): what pre-fills the coordination's section.
 */
export async function activitiesOfYear(db: DbOrTx, tenant: Tenant, year: number): Promise<RecordedActivity[]> {
  const events = await createLifeRepo(db, tenant.id).events({
    from: new Date(Date.UTC(year, 0, 1)),
    to: new Date(Date.UTC(year + 1, 0, 1)),
    own: true,
  });
  return events.flatMap((e) => {
    const kind = KIND[e.kind];
    if (kind === undefined || e.status === "cancelled") return [];
    const place = [e.place.city, e.place.country].filter((p) => p !== null && p !== "").join(", ");
    const description = [e.description, e.theme, place, e.provider, e.outcome, ...e.evidence]
      .filter((p): p is string => p !== null && p !== "")
      .join(" — ")
      .slice(0, 5000);
    return [
      {
        kind,
        title: e.name,
        startedOn: e.startsAt.toISOString().slice(0, 10),
        participants: e.participants,
        description,
      },
    ];
  });
}
