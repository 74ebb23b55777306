import { LOCALES } from "@dynamo/core";
import { authorize, problemResponses, security } from "@dynamo/web";
import { createRoute, z } from "@hono/zod-openapi";
import { PROVIDERS, REGIONAL_KINDS, SESSION_TYPES } from "../domain/event.ts";
import { JOIN_REJECTIONS } from "../domain/registration.ts";
import { CONTINENTS } from "../domain/rotation.ts";
import { EventWireSchema } from "../wire/messages.ts";

/** The network life's operations as OpenAPI routes: paths, operationIds, bodies, answers, who may. */
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

export type DelegationLike = Parameters<typeof delegationJson>[0];
export function delegationJson(d: {
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

export const listEditionsRoute = createRoute({
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

export const createEditionRoute = createRoute({
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

export const nextHostRoute = createRoute({
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
export const agendaRoute = createRoute({
  method: "put",
  path: "/api/ipg/editions/{id}/agenda",
  operationId: "updateIpgAgenda",
  summary:
    "The secretariat sets the agenda: items with durations and sub-items, each may link a ballot, an amendment or a status report",
  ...guarded("life.ipg"),
  request: { params: EditionParams, ...json(z.object({ agenda: z.array(AgendaItemSchema).max(100) })) },
  responses: { 200: answer("Saved", z.object({ edition: EditionSchema })), ...problemResponses(400, 401, 403, 404) },
});

export const registerDelegationRoute = createRoute({
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

export const decideDelegationRoute = createRoute({
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

export const listEventsRoute = createRoute({
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

export const createEventRoute = createRoute({
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

export const programmeRoute = createRoute({
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

const RegistrationSchema = z.object({
  status: z.enum(["accepted", "waitlisted", "pending", "rejected"]),
  reason: z.enum(JOIN_REJECTIONS).nullable(),
});

export const registerRoute = createRoute({
  method: "post",
  path: "/api/events/{id}/registrations",
  operationId: "registerForEvent",
  summary:
    "A member registers for an event: at one of this node's own, accepted while places remain, waitlisted after; at another node's, a signed Join goes to its organizer (202, pending) which answers Accept or Reject (full, closed, unknown event); asking again answers where it stands",
  ...guarded("life.register"),
  request: { params: z.object({ id: z.string().uuid() }) },
  responses: {
    200: answer("Registered (or where the registration stands)", RegistrationSchema),
    202: answer("Sent to the event's organizer, its answer pending", RegistrationSchema),
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export const calendarRoute = createRoute({
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
