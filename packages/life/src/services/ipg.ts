import type { Locale, Person, Result } from "@dynamo/core";
import { createPlatformRepo } from "@dynamo/identity";
import { createLifeRepo } from "../db/repos.ts";
import type { LifeContext } from "../deps.ts";
import {
  type AgendaItem,
  admitDelegation,
  checkAgenda,
  type Delegation,
  decideDelegationStatus,
  type IpgEdition,
  seatsOf,
} from "../domain/edition.ts";
import type { NetworkEvent } from "../domain/event.ts";
import { type Continent, checkHost, type HostingRecord, IPG_HISTORY, proposeNextHost } from "../domain/rotation.ts";
import { isTimeZone } from "../domain/time.ts";
import { LIFE_CONTEXT, LIFE_MEDIA_TYPE } from "../wire/messages.ts";
import type { FieldProblem, LifeError } from "./errors.ts";
import { eventUri, sendEvent } from "./publish.ts";

/** The IPG's hosting history: the programme's recorded editions, then those kept here. */
export async function hostingHistory(ctx: LifeContext): Promise<HostingRecord[]> {
  const kept = await createLifeRepo(ctx.db, ctx.tenant.id).editions();
  const years = new Set(kept.map((e) => e.year));
  return [...IPG_HISTORY.filter((r) => !years.has(r.year)), ...kept].sort((a, b) => a.year - b.year);
}

export async function proposeNextIpgHost(ctx: LifeContext) {
  const history = await hostingHistory(ctx);
  const last = history.at(-1);
  return { year: last === undefined ? 2024 : last.year + 2, continent: proposeNextHost(history), history };
}

export interface NewEdition {
  year: number;
  continent: Continent;
  country: string;
  city: string;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  repeatReason: string | null;
}

/** An edition as its Event: planned, then confirmed from its convening. */
export function editionEvent(edition: IpgEdition, organizer: string, now: Date): NetworkEvent {
  return {
    id: edition.id,
    uri: edition.eventUri,
    kind: "ipg",
    regionCode: null,
    organizer,
    own: true,
    name: `IPG ${edition.year} — ${edition.city}`,
    description: edition.agenda.map((i) => i.title).join(" · "),
    startsAt: edition.startsAt,
    endsAt: edition.endsAt,
    timeZone: edition.timeZone,
    place: { country: edition.country, city: edition.city, address: null, url: null },
    status: edition.status === "planned" ? "planned" : "confirmed",
    theme: null,
    indicatorKey: null,
    provider: null,
    platforms: [],
    participants: null,
    outcome: null,
    evidence: [],
    sessions: [],
    objectives: [],
    capacity: edition.capacity,
    editionId: edition.id,
    hostCountry: edition.country,
    updatedAt: now,
  };
}

/** The secretariat opens an IPG edition: its host checked against the rotation; its Event goes to every region. */
export async function createIpgEdition(ctx: LifeContext, input: NewEdition): Promise<Result<IpgEdition, LifeError>> {
  const { tenant } = ctx;
  if (tenant.kind !== "hub") return { ok: false, error: { kind: "forbidden" } };
  const problems: FieldProblem[] = [];
  if (!isTimeZone(input.timeZone)) problems.push({ field: "timeZone", code: "time-zone" });
  if (input.endsAt <= input.startsAt) problems.push({ field: "endsAt", code: "ends-before-start" });
  if (input.startsAt.getUTCFullYear() !== input.year) problems.push({ field: "startsAt", code: "not-in-year" });
  if (problems.length > 0) return { ok: false, error: { kind: "invalid", problems } };
  const history = await hostingHistory(ctx);
  const checked = checkHost(
    history.filter((r) => r.year < input.year || !IPG_HISTORY.some((h) => h.year === r.year)),
    input.year,
    input.continent,
    input.repeatReason,
  );
  // The programme's recorded years may be kept once (the demo's 2024 and 2026) with their own continent.
  const recorded = IPG_HISTORY.find((h) => h.year === input.year);
  if (
    !checked.ok &&
    !(recorded !== undefined && recorded.continent === input.continent && checked.error.kind === "year-taken")
  )
    return { ok: false, error: { kind: "host-refused", refusal: checked.error } };
  const repo = createLifeRepo(ctx.db, tenant.id);
  if ((await repo.editions()).some((e) => e.year === input.year))
    return { ok: false, error: { kind: "host-refused", refusal: { kind: "year-taken", year: input.year } } };
  const now = ctx.clock();
  const id = ctx.newId();
  const edition: IpgEdition = {
    ...input,
    id,
    status: "planned",
    repeatReason: input.repeatReason?.trim() || null,
    agenda: [],
    eventUri: eventUri(ctx.exchange, tenant, id),
  };
  const sign = await ctx.exchange.signer(tenant, "tenant");
  await ctx.db.transaction(async (tx) => {
    const r = createLifeRepo(tx, tenant.id);
    await r.insertEdition(edition, now);
    const event = editionEvent(edition, ctx.exchange.actorUri(tenant), now);
    await r.saveEvent(event);
    await sendEvent(tx, ctx.exchange, tenant, sign, event, "create", now);
  });
  ctx.exchange.wake();
  return { ok: true, value: edition };
}

export async function listIpgEditions(ctx: LifeContext) {
  const repo = createLifeRepo(ctx.db, ctx.tenant.id);
  if (ctx.tenant.kind === "hub") {
    const editions = await repo.editions();
    const delegations = await repo.delegations();
    return editions.map((edition) => ({ edition, delegations: delegations.filter((d) => d.editionId === edition.id) }));
  }
  return [];
}

/** A region's view: the IPG editions it received as Events, with its platforms' delegations and the hub's answers. */
export async function regionIpgView(ctx: LifeContext) {
  const repo = createLifeRepo(ctx.db, ctx.tenant.id);
  const events = (await repo.events()).filter((e) => e.kind === "ipg");
  const delegations = await repo.delegations();
  return events.map((event) => ({ event, delegations: delegations.filter((d) => d.editionId === event.editionId) }));
}

/** The secretariat sets the agenda (items with durations and sub-items, each may link a ballot, amendment or status report). */
export async function updateIpgAgenda(
  ctx: LifeContext,
  editionId: string,
  agenda: AgendaItem[],
): Promise<Result<IpgEdition, LifeError>> {
  const repo = createLifeRepo(ctx.db, ctx.tenant.id);
  const edition = await repo.edition(editionId);
  if (edition === undefined) return { ok: false, error: { kind: "not-found" } };
  const days = Math.max(1, Math.ceil((edition.endsAt.getTime() - edition.startsAt.getTime()) / 86_400_000));
  const problems = checkAgenda(agenda, days).map((p) => ({
    field: p.kind === "sub-items-too-long" ? `agenda.${p.index}.items` : "agenda",
    code: p.kind,
  }));
  if (problems.length > 0) return { ok: false, error: { kind: "invalid", problems } };
  const now = ctx.clock();
  const sign = await ctx.exchange.signer(ctx.tenant, "tenant");
  // The edition as it is now (its status may have moved meanwhile), locked, with the new agenda.
  const updated = await ctx.db.transaction(async (tx) => {
    const r = createLifeRepo(tx, ctx.tenant.id);
    const current = { ...((await r.lockEdition(editionId)) ?? edition), agenda };
    await r.updateEdition(current, now);
    const event = editionEvent(current, ctx.exchange.actorUri(ctx.tenant), now);
    await r.saveEvent(event);
    await sendEvent(tx, ctx.exchange, ctx.tenant, sign, event, "update", now);
    return current;
  });
  ctx.exchange.wake();
  return { ok: true, value: updated };
}

export interface DelegationInput {
  representative: string;
  substitute: string | null;
  observers: string[];
  interpretation: Locale[];
}

/**
 * A platform's representative registers the platform's delegation at their region; it is kept
 * (pending) and sent, signed by the platform's actor, to the hub, which always answers.
 */
export async function registerDelegation(
  ctx: LifeContext,
  person: Person,
  editionId: string,
  input: DelegationInput,
): Promise<Result<Delegation, LifeError>> {
  const { tenant } = ctx;
  if (tenant.kind !== "region" || tenant.regionCode === null) return { ok: false, error: { kind: "forbidden" } };
  if (person.platformId === null || person.platformSeat !== "representative")
    return { ok: false, error: { kind: "forbidden" } };
  const platform = await createPlatformRepo(ctx.db, tenant.id).findById(person.platformId);
  if (platform === undefined || platform.status === "suspended") return { ok: false, error: { kind: "forbidden" } };
  const repo = createLifeRepo(ctx.db, tenant.id);
  const event = await repo.eventOfEdition(editionId);
  if (event === undefined) return { ok: false, error: { kind: "not-found" } };
  const hub = await ctx.exchange.hub(ctx.db, tenant);
  if (hub === undefined) return { ok: false, error: { kind: "not-peered" } };
  const now = ctx.clock();
  const previous = await repo.delegationOfPlatform(editionId, platform.countryCode);
  const delegation: Delegation = {
    id: previous?.id ?? ctx.newId(),
    editionId,
    regionCode: tenant.regionCode,
    countryCode: platform.countryCode,
    ...input,
    status: "pending",
    reason: null,
    registeredAt: now,
    decidedAt: null,
  };
  const from = { platform: platform.countryCode };
  const actor = ctx.exchange.actorUri(tenant, from);
  const sign = await ctx.exchange.signer(tenant, from);
  await ctx.db.transaction(async (tx) => {
    await createLifeRepo(tx, tenant.id).saveDelegation(delegation, null);
    const id = `${actor}/delegations/${delegation.id}/${now.getTime()}`;
    const document = await sign(
      {
        "@context": LIFE_CONTEXT,
        type: "DelegationRegistration",
        id,
        actor,
        delegation: {
          id: delegation.id,
          editionId,
          regionCode: delegation.regionCode,
          countryCode: delegation.countryCode,
          representative: delegation.representative,
          substitute: delegation.substitute,
          observers: delegation.observers,
          interpretation: delegation.interpretation,
          registeredAt: now.toISOString(),
        },
      },
      now,
    );
    await ctx.exchange.send(tx, tenant, {
      mediaType: LIFE_MEDIA_TYPE,
      document,
      activityId: `${actor}/activities/life/${ctx.newId()}`,
      objectId: id,
      verb: "create",
      published: now,
      display: { as: "note", name: `Delegation ${platform.countryCode}`, about: event.uri },
      from,
      to: [hub],
      listed: false,
    });
  });
  ctx.exchange.wake();
  return { ok: true, value: delegation };
}

/** Writes the hub's answer to a delegation's region, signed, in the caller's transaction. */
export async function answerDelegation(
  ctx: Pick<LifeContext, "exchange" | "tenant" | "newId">,
  tx: Parameters<LifeContext["exchange"]["send"]>[0],
  sign: Awaited<ReturnType<LifeContext["exchange"]["signer"]>>,
  delegation: Delegation,
  recipient: { actorId: string; inbox: string },
  now: Date,
): Promise<void> {
  const actor = ctx.exchange.actorUri(ctx.tenant);
  const id = `${actor}/delegations/${delegation.id}/answers/${now.getTime()}`;
  const document = await sign(
    {
      "@context": LIFE_CONTEXT,
      type: "DelegationAnswer",
      id,
      actor,
      delegationId: delegation.id,
      status: delegation.status,
      reason: delegation.reason,
      decidedAt: now.toISOString(),
    },
    now,
  );
  await ctx.exchange.send(tx, ctx.tenant, {
    mediaType: LIFE_MEDIA_TYPE,
    document,
    activityId: `${actor}/activities/life/${ctx.newId()}`,
    objectId: id,
    verb: "create",
    published: now,
    display: { as: "note", name: `Delegation ${delegation.countryCode}: ${delegation.status}`, about: id },
    from: "tenant",
    to: [recipient],
    listed: false,
  });
}

/** The secretariat accepts, waitlists or refuses a delegation; the region is answered. */
export async function decideDelegation(
  ctx: LifeContext,
  editionId: string,
  delegationId: string,
  decision: "accepted" | "waitlisted" | "refused",
  reason: string | null,
): Promise<Result<Delegation, LifeError>> {
  const repo = createLifeRepo(ctx.db, ctx.tenant.id);
  const edition = await repo.edition(editionId);
  const delegation = await repo.delegation(delegationId);
  if (edition === undefined || delegation === undefined || delegation.editionId !== editionId)
    return { ok: false, error: { kind: "not-found" } };
  const accepted = (await repo.delegations(editionId))
    .filter((d) => d.status === "accepted" && d.id !== delegationId)
    .reduce((sum, d) => sum + seatsOf(d), 0);
  const decided = decideDelegationStatus(delegation.status, decision, edition.capacity, accepted, seatsOf(delegation));
  if (!decided.ok) return { ok: false, error: { kind: "delegation-refused", refusal: decided.error } };
  const peer = (await ctx.exchange.peers(ctx.db, ctx.tenant)).find((p) => p.actorId === delegation.sender);
  const now = ctx.clock();
  const updated: Delegation = { ...delegation, status: decided.value, reason, decidedAt: now };
  const sign = await ctx.exchange.signer(ctx.tenant, "tenant");
  await ctx.db.transaction(async (tx) => {
    await createLifeRepo(tx, ctx.tenant.id).answerDelegation(delegationId, updated.status, reason, now);
    if (peer !== undefined) await answerDelegation(ctx, tx, sign, updated, peer, now);
  });
  ctx.exchange.wake();
  return { ok: true, value: updated };
}

export { admitDelegation };
