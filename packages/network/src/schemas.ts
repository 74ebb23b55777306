import { LOCALES } from "@dynamo/core";
import { DELIVERY_STATES, PEER_STATES, PUBLICATION_KINDS } from "@dynamo/federation";
import { z } from "@hono/zod-openapi";

const date = z.string().openapi({ format: "date-time" });
const text = (max: number) =>
  z
    .object({ fr: z.string().max(max), en: z.string().max(max), es: z.string().max(max), pt: z.string().max(max) })
    .partial();

export const PeerSchema = z
  .object({
    actor: z.string(),
    inbox: z.string(),
    origin: z.string(),
    name: z.string().nullable(),
    regionCode: z.string().nullable(),
    direction: z.enum(["outgoing", "incoming"]),
    state: z.enum(PEER_STATES),
    since: date,
    decidedBy: z.string().nullable(),
    reason: z.string().nullable(),
    lastCaughtUpAt: date.nullable(),
  })
  .openapi("Peer");

export const PeeringRequestSchema = z
  .object({ actor: z.string().url().max(2048).openapi({ example: "https://hub.example.org/ap/actors/hub" }) })
  .openapi("PeeringRequest");

export const PeeringDecisionSchema = z
  .object({
    actor: z.string().url().max(2048),
    decision: z.enum(["approve", "refuse"]),
    reason: z.string().trim().max(500).optional(),
  })
  .openapi("PeeringDecision");

export const PeeringEndSchema = z
  .object({ actor: z.string().url().max(2048), reason: z.string().trim().max(500).optional() })
  .openapi("PeeringEnd");

export const NewPublicationSchema = z
  .object({
    kind: z.enum(PUBLICATION_KINDS).default("news"),
    titles: text(300),
    bodies: text(100_000).openapi({
      description: "Light Markdown: paragraphs, line breaks, links, lists, emphasis; anything else stays as written",
    }),
    language: z
      .enum(LOCALES)
      .optional()
      .openapi({ description: "The language it was written in (by default the tenant's, if given, else the first)" }),
  })
  .openapi("NewPublication");

export const PublicationSchema = z
  .object({
    id: z.string(),
    objectId: z.string(),
    url: z.string().nullable(),
    author: z.string(),
    authorName: z.string().nullable(),
    local: z.boolean(),
    kind: z.enum(PUBLICATION_KINDS),
    titles: text(300),
    bodies: text(100_000),
    language: z.enum(LOCALES).nullable(),
    publishedAt: date,
    updatedAt: date,
  })
  .openapi("Publication");

const counts = z.object(
  Object.fromEntries(DELIVERY_STATES.map((s) => [s, z.number().int()])) as Record<
    (typeof DELIVERY_STATES)[number],
    z.ZodNumber
  >,
);

export const DeliveryStatusSchema = z
  .object({
    peers: z.array(
      z.object({ peer: z.string(), counts, failingSince: date.nullable(), lastDeliveredAt: date.nullable() }),
    ),
    deliveries: z.array(
      z.object({
        id: z.string(),
        activityId: z.string(),
        activityType: z.string(),
        peer: z.string(),
        inbox: z.string(),
        state: z.enum(DELIVERY_STATES),
        attempts: z.number().int(),
        nextAttemptAt: date.nullable(),
        failingSince: date.nullable(),
        lastStatus: z.number().int().nullable(),
        lastError: z.string().nullable(),
        deliveredAt: date.nullable(),
        createdAt: date,
      }),
    ),
    refusals: z.array(
      z.object({
        at: date,
        activityId: z.string().nullable(),
        actorId: z.string().nullable(),
        type: z.string().nullable(),
        reason: z.string(),
        detail: z.string().nullable(),
      }),
    ),
  })
  .openapi("DeliveryStatus");
