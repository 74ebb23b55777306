import type { RegionCode, Result } from "@dynamo/core";
import { createPlatformRepo } from "@dynamo/identity";
import { createLifeRepo } from "../db/repos.ts";
import type { LifeContext } from "../deps.ts";
import { checkEvent, type NetworkEvent, proposePilotGroupHost, type RegionalKind } from "../domain/event.ts";
import { isPilotGroupTurn, type YearlyMinimum, yearlyMinimum } from "../domain/programme.ts";
import { isTimeZone } from "../domain/time.ts";
import type { FieldProblem, LifeError } from "./errors.ts";
import { eventUri, sendEvent } from "./publish.ts";

/**
 * What a coordinator records: the event's own fields (the rest is the node's), of a regional kind;
 * a pilot group's host platform comes by rotation among the region's platforms when not given.
 */
export type NewRegionalEvent = Pick<
  NetworkEvent,
  | "name"
  | "description"
  | "startsAt"
  | "endsAt"
  | "timeZone"
  | "place"
  | "theme"
  | "indicatorKey"
  | "provider"
  | "platforms"
  | "participants"
  | "outcome"
  | "evidence"
  | "sessions"
  | "objectives"
  | "capacity"
  | "hostCountry"
> & {
  kind: RegionalKind;
};

/**
 * The regional coordinator records one of the region's events; it is kept and, in the same
 * transaction, sent signed to the hub and the other regions.
 */
export async function createRegionalEvent(
  ctx: LifeContext,
  input: NewRegionalEvent,
): Promise<Result<NetworkEvent, LifeError>> {
  const { tenant } = ctx;
  if (tenant.kind !== "region" || tenant.regionCode === null) return { ok: false, error: { kind: "forbidden" } };
  const problems: FieldProblem[] = checkEvent(input).map((p) => ({
    field: p.kind === "provider-missing" ? "provider" : "endsAt",
    code: p.kind,
  }));
  if (!isTimeZone(input.timeZone)) problems.push({ field: "timeZone", code: "time-zone" });
  const platforms = await createPlatformRepo(ctx.db, tenant.id).list();
  const codes = platforms.map((p) => p.countryCode as string);
  for (const code of input.platforms)
    if (!codes.includes(code)) problems.push({ field: "platforms", code: "unknown-platform" });
  if (input.hostCountry !== null && !codes.includes(input.hostCountry))
    problems.push({ field: "hostCountry", code: "unknown-platform" });
  if (problems.length > 0) return { ok: false, error: { kind: "invalid", problems } };

  const repo = createLifeRepo(ctx.db, tenant.id);
  let hostCountry = input.hostCountry;
  if (input.kind === "pilot-group" && hostCountry === null) {
    const past = (await repo.events({ own: true }))
      .filter((e) => e.kind === "pilot-group" && e.hostCountry !== null)
      .map((e) => ({ year: e.startsAt.getUTCFullYear(), hostCountry: e.hostCountry as string }));
    hostCountry = proposePilotGroupHost(codes, past) ?? null;
  }
  const now = ctx.clock();
  const id = ctx.newId();
  const event: NetworkEvent = {
    ...input,
    id,
    uri: eventUri(ctx.exchange, tenant, id),
    regionCode: tenant.regionCode,
    organizer: ctx.exchange.actorUri(tenant),
    own: true,
    status: "planned",
    editionId: null,
    hostCountry: input.kind === "pilot-group" ? hostCountry : null,
    updatedAt: now,
  };
  const sign = await ctx.exchange.signer(tenant, "tenant");
  await ctx.db.transaction(async (tx) => {
    await createLifeRepo(tx, tenant.id).saveEvent(event);
    await sendEvent(tx, ctx.exchange, tenant, sign, event, "create", now);
  });
  ctx.exchange.wake();
  return { ok: true, value: event };
}

/** The network calendar as this node knows it: its own events and every peer's, in a period. */
export function listNetworkEvents(ctx: LifeContext, range: { from?: Date; to?: Date } = {}): Promise<NetworkEvent[]> {
  return createLifeRepo(ctx.db, ctx.tenant.id).events(range);
}

export interface RegionalProgramme {
  year: number;
  regionCode: RegionCode;
  pilotGroupTurn: boolean;
  minimum: YearlyMinimum;
  events: NetworkEvent[];
}

/**
 * A region's programme for a year and whether its minimum holds: at the region, its own; at the
 * hub, each region's from the events they sent.
 */
export async function regionalProgrammes(ctx: LifeContext, year: number): Promise<RegionalProgramme[]> {
  const events = await createLifeRepo(ctx.db, ctx.tenant.id).events({
    from: new Date(Date.UTC(year, 0, 1)),
    to: new Date(Date.UTC(year + 1, 0, 1)),
  });
  const regions: RegionCode[] =
    ctx.tenant.kind === "region" && ctx.tenant.regionCode !== null ? [ctx.tenant.regionCode] : ["AF", "AM", "AS", "EU"];
  return regions.map((regionCode) => {
    const own = events.filter((e) => e.regionCode === regionCode && e.kind !== "ipg");
    return { year, regionCode, pilotGroupTurn: isPilotGroupTurn(year), minimum: yearlyMinimum(year, own), events: own };
  });
}
