import { LOCALES } from "@dynamo/core";
import { authorize, problemResponses, security, signedIn, type TenantEnv } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { LifeContext, LifeDeps } from "../deps.ts";
import { EVENT_STATUSES, PROVIDERS, REGIONAL_KINDS, SESSION_TYPES } from "../domain/event.ts";
import { CONTINENTS } from "../domain/rotation.ts";
import { createRegionalEvent, listNetworkEvents, regionalProgrammes, registerForEvent } from "../services/events.ts";
import {
  createIpgEdition,
  decideDelegation,
  listIpgEditions,
  proposeNextIpgHost,
  regionIpgView,
  registerDelegation,
  updateIpgAgenda,
} from "../services/ipg.ts";
import { eventToJson } from "../wire/codec.ts";
import { EventWireSchema } from "../wire/messages.ts";
import { feedResponse } from "./feeds.ts";
import { lifeProblem } from "./respond.ts";

const tags = ["life"];
type Action = Parameters<typeof authorize>[0];
const guarded = (action: Action) => ({ tags, security, middleware: [authorize(action)] });
const json = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { "application/json": { schema } } },
});
const answer = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema } },
});

const instant = z.string().datetime({ offset: true });
const EventSchema = EventWireSchema.extend({
  id: z.string(),
  uri: z.string(),
  organizer: z.string(),
  own: z.boolean(),
}).openapi("LifeEvent");
const AgendaItemSchema = z.object({
  title: z.string().trim().min(1).max(300),
  minutes: z.number().int().min(1).max(6000),
  link: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("ballot"), id: z.string().min(1).max(200) }),
      z.object({ kind: z.literal("amendment"), id: z.string().min(1).max(200) }),
      z.object({
        kind: z.literal("status-report"),
        region: z.enum(["AF", "AM", "AS", "EU"]),
        reportId: z.string().max(200).nullable(),
      }),
    ])
    .nullable(),
  items: z
    .array(z.object({ title: z.string().trim().min(1).max(300), minutes: z.number().int().min(1).max(6000) }))
    .max(50),
});
const DelegationSchema = z
  .object({
    id: z.string(),
    editionId: z.string(),
    regionCode: z.string(),
    countryCode: z.string(),
    representative: z.string(),
    substitute: z.string().nullable(),
    observers: z.array(z.string()),
    interpretation: z.array(z.string()),
    status: z.enum(["pending", "accepted", "waitlisted", "refused"]),
    reason: z.string().nullable(),
    registeredAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .openapi("IpgDelegation");
const EditionSchema = z
  .object({
    id: z.string(),
    year: z.number().int(),
    continent: z.enum(CONTINENTS),
    country: z.string(),
    city: z.string(),
    timeZone: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    status: z.string(),
    repeatReason: z.string().nullable(),
    capacity: z.number().int(),
    agenda: z.array(AgendaItemSchema),
    eventUri: z.string(),
    delegations: z.array(DelegationSchema),
  })
  .openapi("IpgEdition");

type DelegationLike = Parameters<typeof delegationJson>[0];
function delegationJson(d: {
  id: string;
  editionId: string;
  regionCode: string;
  countryCode: string;
  representative: string;
  substitute: string | null;
  observers: string[];
  interpretation: string[];
  status: "pending" | "accepted" | "waitlisted" | "refused";
  reason: string | null;
  registeredAt: Date;
  decidedAt: Date | null;
}) {
  return {
    id: d.id,
    editionId: d.editionId,
    regionCode: d.regionCode,
    countryCode: d.countryCode,
    representative: d.representative,
    substitute: d.substitute,
    observers: d.observers,
    interpretation: d.interpretation,
    status: d.status,
    reason: d.reason,
    registeredAt: d.registeredAt.toISOString(),
    decidedAt: d.decidedAt?.toISOString() ?? null,
  };
}

export type { DelegationLike };

const listEditionsRoute = createRoute({
  method: "get",
  path: "/api/ipg/editions",
  operationId: "listIpgEditions",
  summary:
    "IPG editions: at the hub, every edition with its delegations; at a region, the editions announced and its platforms' delegations",
  ...guarded("life.read"),
  responses: {
    200: answer(
      "The editions",
      z.object({
        editions: z.array(
          EditionSchema.partial().extend({
            id: z.string(),
            event: EventSchema.optional(),
            delegations: z.array(DelegationSchema),
          }),
        ),
      }),
    ),
    ...problemResponses(401, 403),
  },
});

const createEditionRoute = createRoute({
  method: "post",
  path: "/api/ipg/editions",
  operationId: "createIpgEdition",
  summary:
    "The secretariat opens an IPG edition (its host checked against the rotation) and announces it to every region",
  ...guarded("life.ipg"),
  request: json(
    z.object({
      year: z.number().int().min(2000).max(2200),
      continent: z.enum(CONTINENTS),
      country: z.string().regex(/^[A-Z]{2}$/),
      city: z.string().trim().min(1).max(200),
      timeZone: z.string().min(1).max(64),
      startsAt: instant,
      endsAt: instant,
      capacity: z.number().int().min(1).max(10_000),
      repeatReason: z.string().max(2000).nullable().optional(),
    }),
  ),
  responses: { 201: answer("Opened", z.object({ edition: EditionSchema })), ...problemResponses(400, 401, 403, 409) },
});

const nextHostRoute = createRoute({
  method: "get",
  path: "/api/ipg/next-host",
  operationId: "proposeNextIpgHost",
  summary:
    "The host continent the rotation proposes for the next IPG (the one that hosted least recently), with the history",
  ...guarded("life.read"),
  responses: {
    200: answer(
      "The proposal",
      z.object({
        year: z.number().int(),
        continent: z.enum(CONTINENTS),
        history: z.array(
          z.object({ year: z.number().int(), continent: z.enum(CONTINENTS), repeatReason: z.string().nullable() }),
        ),
      }),
    ),
    ...problemResponses(401, 403),
  },
});

const EditionParams = z.object({ id: z.string().uuid() });
const agendaRoute = createRoute({
  method: "put",
  path: "/api/ipg/editions/{id}/agenda",
  operationId: "updateIpgAgenda",
  summary:
    "The secretariat sets the agenda: items with durations and sub-items, each may link a ballot, an amendment or a status report",
  ...guarded("life.ipg"),
  request: { params: EditionParams, ...json(z.object({ agenda: z.array(AgendaItemSchema).max(100) })) },
  responses: { 200: answer("Saved", z.object({ edition: EditionSchema })), ...problemResponses(400, 401, 403, 404) },
});

const registerDelegationRoute = createRoute({
  method: "post",
  path: "/api/ipg/editions/{id}/delegations",
  operationId: "registerDelegation",
  summary:
    "A platform's representative registers its delegation at its region; it is sent signed to the hub, which answers",
  ...guarded("life.delegation"),
  request: {
    params: EditionParams,
    ...json(
      z.object({
        representative: z.string().trim().min(1).max(200),
        substitute: z.string().trim().min(1).max(200).nullable().optional(),
        observers: z.array(z.string().trim().min(1).max(200)).max(10).default([]),
        interpretation: z.array(z.enum(LOCALES)).max(4).default([]),
      }),
    ),
  },
  responses: {
    202: answer("Sent to the hub", z.object({ delegation: DelegationSchema })),
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

const decideDelegationRoute = createRoute({
  method: "post",
  path: "/api/ipg/editions/{id}/delegations/{delegationId}/decision",
  operationId: "decideDelegation",
  summary: "The secretariat accepts, waitlists or refuses a delegation; the region is answered, signed",
  ...guarded("life.ipg"),
  request: {
    params: z.object({ id: z.string().uuid(), delegationId: z.string().uuid() }),
    ...json(
      z.object({
        decision: z.enum(["accepted", "waitlisted", "refused"]),
        reason: z.string().max(2000).nullable().optional(),
      }),
    ),
  },
  responses: {
    200: answer("Decided", z.object({ delegation: DelegationSchema })),
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

const listEventsRoute = createRoute({
  method: "get",
  path: "/api/events",
  operationId: "listNetworkEvents",
  summary: "The network calendar as this node knows it: its own events and those every peer sent",
  ...guarded("life.read"),
  request: { query: z.object({ from: instant.optional(), to: instant.optional() }) },
  responses: {
    200: answer("The events", z.object({ events: z.array(EventSchema) })),
    ...problemResponses(400, 401, 403),
  },
});

const createEventRoute = createRoute({
  method: "post",
  path: "/api/events",
  operationId: "createRegionalEvent",
  summary:
    "The regional coordinator records a pilot group, advocacy action, training, field visit or coordinators' training; it is sent to the network",
  ...guarded("life.record"),
  request: json(
    z.object({
      kind: z.enum(REGIONAL_KINDS),
      name: z.string().trim().min(1).max(300),
      description: z.string().max(5000).default(""),
      startsAt: instant,
      endsAt: instant,
      timeZone: z.string().min(1).max(64),
      place: z
        .object({
          country: z
            .string()
            .regex(/^[A-Z]{2}$/)
            .nullable()
            .default(null),
          city: z.string().max(200).nullable().default(null),
          address: z.string().max(500).nullable().default(null),
          url: z.string().url().max(2000).nullable().default(null),
        })
        .default({ country: null, city: null, address: null, url: null }),
      theme: z.string().max(500).nullable().default(null),
      indicatorKey: z.string().max(200).nullable().default(null),
      provider: z.enum(PROVIDERS).nullable().default(null),
      platforms: z
        .array(z.string().regex(/^[A-Z]{2}$/))
        .max(100)
        .default([]),
      participants: z.number().int().min(0).max(100_000).nullable().default(null),
      outcome: z.string().max(5000).nullable().default(null),
      evidence: z.array(z.string().url().max(2000)).max(50).default([]),
      sessions: z
        .array(
          z.object({
            day: z.number().int(),
            type: z.enum(SESSION_TYPES),
            title: z.string().min(1).max(300),
            objective: z.string().max(500).nullable().default(null),
          }),
        )
        .max(100)
        .default([]),
      objectives: z.array(z.string().min(1).max(500)).max(50).default([]),
      capacity: z.number().int().min(1).max(100_000).nullable().default(null),
      hostCountry: z
        .string()
        .regex(/^[A-Z]{2}$/)
        .nullable()
        .default(null),
    }),
  ),
  responses: { 201: answer("Recorded and sent", z.object({ event: EventSchema })), ...problemResponses(400, 401, 403) },
});

const programmeRoute = createRoute({
  method: "get",
  path: "/api/programme/{year}",
  operationId: "getRegionalProgramme",
  summary:
    "A year's programme and whether its minimum holds (a pilot group in its turn, an advocacy action, a training module): the region's own, or every region's at the hub",
  ...guarded("life.read"),
  request: { params: z.object({ year: z.coerce.number().int().min(2000).max(2200) }) },
  responses: {
    200: answer(
      "The programme",
      z.object({
        programmes: z.array(
          z.object({
            year: z.number().int(),
            regionCode: z.string(),
            pilotGroupTurn: z.boolean(),
            minimum: z.object({
              pilotGroup: z.enum(["held", "missing", "not-due"]),
              advocacy: z.number().int(),
              training: z.number().int(),
              holds: z.boolean(),
            }),
            events: z.array(EventSchema),
          }),
        ),
      }),
    ),
    ...problemResponses(400, 401, 403),
  },
});

const registerRoute = createRoute({
  method: "post",
  path: "/api/events/{id}/registrations",
  operationId: "registerForEvent",
  summary: "A member registers for one of this node's events: accepted while places remain, waitlisted after",
  ...guarded("life.register"),
  request: { params: z.object({ id: z.string().uuid() }) },
  responses: {
    200: answer("Registered", z.object({ status: z.enum(["accepted", "waitlisted"]) })),
    ...problemResponses(400, 401, 403, 404),
  },
});

const calendarRoute = createRoute({
  method: "get",
  path: "/api/calendar/{feed}",
  operationId: "getCalendarFeed",
  summary:
    "An iCal feed (a TZID on every event): region.ics (this node's own), network.ics (the network calendar), ipg-{year}.ics",
  tags,
  request: { params: z.object({ feed: z.string().regex(/^(region|network|ipg-\d{4})\.ics$/) }) },
  responses: {
    200: { description: "The feed", content: { "text/calendar": { schema: z.string() } } },
    ...problemResponses(400, 404),
  },
});

export { EventSchema };

void EVENT_STATUSES;

/** The network life's API: IPG editions, delegations, the regions' events, programme, registrations, calendars. */
export function mountLifeApi(router: OpenAPIHono<TenantEnv>, deps: LifeDeps): void {
  const ctx = (c: Context<TenantEnv>): LifeContext => ({ ...deps, tenant: c.var.tenant, logger: c.var.logger });
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
    if (c.var.tenant.kind === "hub") {
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
    return result.ok ? c.json(result.value, 200) : lifeProblem(c, result.error);
  });
  router.openapi(calendarRoute, async (c) => feedResponse(c, ctx(c), c.req.valid("param").feed) as never);
}
