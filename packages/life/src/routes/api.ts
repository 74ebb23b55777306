import { signedIn, type TenantEnv } from "@dynamo/web";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { LifeContext, LifeDeps } from "../deps.ts";
import { createRegionalEvent, listNetworkEvents, regionalProgrammes } from "../services/events.ts";
import {
  createIpgEdition,
  decideDelegation,
  listIpgEditions,
  proposeNextIpgHost,
  regionIpgView,
  registerDelegation,
  updateIpgAgenda,
} from "../services/ipg.ts";
import { registerForEvent } from "../services/registration.ts";
import { eventToJson } from "../wire/codec.ts";
import { mountIpgDocumentApi } from "./api-documents.ts";
import {
  agendaRoute,
  calendarRoute,
  createEditionRoute,
  createEventRoute,
  type DelegationLike,
  decideDelegationRoute,
  delegationJson,
  listEditionsRoute,
  listEventsRoute,
  nextHostRoute,
  programmeRoute,
  registerDelegationRoute,
  registerRoute,
} from "./api-routes.ts";
import { feedResponse } from "./feeds.ts";
import { lifeProblem } from "./respond.ts";

/** The network life's API: IPG editions (their status, documents and minutes: api-documents.ts), delegations, the regions' events, programme, registrations, calendars. */
export function mountLifeApi(router: OpenAPIHono<TenantEnv>, deps: LifeDeps): void {
  const ctx = (c: Context<TenantEnv>): LifeContext => ({ ...deps, tenant: c.get("tenant"), logger: c.get("logger") });
  const editionJson = (
    e: Awaited<ReturnType<typeof listIpgEditions>>[number]["edition"],
    delegations: DelegationLike[] = [],
  ) => ({
    id: e.id,
    year: e.year,
    continent: e.continent,
    country: e.country,
    city: e.city,
    timeZone: e.timeZone,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    status: e.status,
    repeatReason: e.repeatReason,
    capacity: e.capacity,
    agenda: e.agenda,
    eventUri: e.eventUri,
    delegations: delegations.map(delegationJson),
  });

  router.openapi(listEditionsRoute, async (c) => {
    if (c.get("tenant").kind === "hub") {
      const editions = await listIpgEditions(ctx(c));
      return c.json({ editions: editions.map((e) => editionJson(e.edition, e.delegations)) }, 200);
    }
    const view = await regionIpgView(ctx(c));
    return c.json(
      {
        editions: view.map((v) => ({
          id: v.event.editionId ?? v.event.id,
          event: eventToJson(v.event),
          delegations: v.delegations.map(delegationJson),
        })),
      },
      200,
    );
  });
  router.openapi(createEditionRoute, async (c) => {
    const b = c.req.valid("json");
    const result = await createIpgEdition(ctx(c), {
      ...b,
      startsAt: new Date(b.startsAt),
      endsAt: new Date(b.endsAt),
      repeatReason: b.repeatReason ?? null,
    });
    return result.ok ? c.json({ edition: editionJson(result.value) }, 201) : lifeProblem(c, result.error);
  });
  router.openapi(nextHostRoute, async (c) => c.json(await proposeNextIpgHost(ctx(c)), 200));
  router.openapi(agendaRoute, async (c) => {
    const result = await updateIpgAgenda(ctx(c), c.req.valid("param").id, c.req.valid("json").agenda);
    return result.ok ? c.json({ edition: editionJson(result.value) }, 200) : lifeProblem(c, result.error);
  });
  router.openapi(registerDelegationRoute, async (c) => {
    const b = c.req.valid("json");
    const result = await registerDelegation(ctx(c), signedIn(c).person, c.req.valid("param").id, {
      representative: b.representative,
      substitute: b.substitute ?? null,
      observers: b.observers,
      interpretation: b.interpretation,
    });
    return result.ok ? c.json({ delegation: delegationJson(result.value) }, 202) : lifeProblem(c, result.error);
  });
  router.openapi(decideDelegationRoute, async (c) => {
    const { id, delegationId } = c.req.valid("param");
    const b = c.req.valid("json");
    const result = await decideDelegation(ctx(c), id, delegationId, b.decision, b.reason ?? null);
    return result.ok ? c.json({ delegation: delegationJson(result.value) }, 200) : lifeProblem(c, result.error);
  });
  router.openapi(listEventsRoute, async (c) => {
    const q = c.req.valid("query");
    const events = await listNetworkEvents(ctx(c), {
      ...(q.from === undefined ? {} : { from: new Date(q.from) }),
      ...(q.to === undefined ? {} : { to: new Date(q.to) }),
    });
    return c.json({ events: events.map(eventToJson) }, 200);
  });
  router.openapi(createEventRoute, async (c) => {
    const b = c.req.valid("json");
    const result = await createRegionalEvent(ctx(c), {
      ...b,
      startsAt: new Date(b.startsAt),
      endsAt: new Date(b.endsAt),
    });
    return result.ok ? c.json({ event: eventToJson(result.value) }, 201) : lifeProblem(c, result.error);
  });
  router.openapi(programmeRoute, async (c) => {
    const programmes = await regionalProgrammes(ctx(c), c.req.valid("param").year);
    return c.json({ programmes: programmes.map((p) => ({ ...p, events: p.events.map(eventToJson) })) }, 200);
  });
  router.openapi(registerRoute, async (c) => {
    const result = await registerForEvent(ctx(c), signedIn(c).person, c.req.valid("param").id);
    if (!result.ok) return lifeProblem(c, result.error);
    return result.value.status === "pending" ? c.json(result.value, 202) : c.json(result.value, 200);
  });
  router.openapi(calendarRoute, async (c) => feedResponse(c, ctx(c), c.req.valid("param").feed) as never);
  mountIpgDocumentApi(router, deps);
}
