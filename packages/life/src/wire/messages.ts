import { LOCALES, REGION_CODES } from "@dynamo/core";
import { defineDocumentType } from "@dynamo/federation";
import { z } from "@hono/zod-openapi";
import { EVENT_KINDS, EVENT_STATUSES, PROVIDERS, SESSION_TYPES } from "../domain/event.ts";
import { BODY_MAX, DOCUMENT_KINDS, TITLE_MAX } from "../domain/ipg-document.ts";
import { JOIN_REJECTIONS } from "../domain/registration.ts";

/**
 * What the network-life area sends between nodes, each a JSON document signed by its sender
 * (a Data Integrity proof) inside a signed activity:
 * - LifeEvent: an IPG edition (from the hub) or a region's pilot group, action, training or
 *   visit, to every peer; shown to other software as an ActivityPub Event;
 * - DelegationRegistration: a platform's delegation to an IPG, signed by the platform's actor, to the hub;
 * - DelegationAnswer: the hub's answer (pending, accepted, waitlisted, refused), to the region;
 * - EventJoin: a member of one node registering for another node's event, signed by the member's
 *   node, to the event's organizer (the Join of ActivityPub's event registration);
 * - EventJoinAnswer: the organizer's Accept or Reject (full, closed, unknown event), always sent;
 * - IpgDocument: an IPG edition's document or minutes once its ballot adopted it, from the hub to every region.
 */
export const LIFE_CONTEXT = "https://dynamo.network/ns/life/v1";
export const LIFE_MEDIA_TYPE = "application/vnd.dynamo.life+json";

const ProofSchema = z.object({
  type: z.literal("DataIntegrityProof"),
  cryptosuite: z.literal("eddsa-jcs-2022"),
  verificationMethod: z.string().url(),
  proofPurpose: z.literal("assertionMethod"),
  created: z.string().datetime({ offset: true }),
  proofValue: z.string().min(2).max(200),
});

const base = { "@context": z.literal(LIFE_CONTEXT), actor: z.string().url(), proof: ProofSchema };
const line = (max = 500) => z.string().max(max);
const instant = z.string().datetime({ offset: true });

export const EventWireSchema = z.object({
  kind: z.enum(EVENT_KINDS),
  regionCode: z.enum(REGION_CODES).nullable(),
  name: line(300).min(1),
  description: line(5000),
  startsAt: instant,
  endsAt: instant,
  timeZone: line(64).min(1),
  place: z.object({
    country: line(3).nullable(),
    city: line(200).nullable(),
    address: line(500).nullable(),
    url: z.string().url().max(2000).nullable(),
  }),
  status: z.enum(EVENT_STATUSES),
  theme: line().nullable(),
  indicatorKey: line(200).nullable(),
  provider: z.enum(PROVIDERS).nullable(),
  platforms: z.array(line(3)).max(100),
  participants: z.number().int().min(0).max(100_000).nullable(),
  outcome: line(5000).nullable(),
  evidence: z.array(z.string().url().max(2000)).max(50),
  sessions: z
    .array(
      z.object({ day: z.number().int(), type: z.enum(SESSION_TYPES), title: line(300), objective: line().nullable() }),
    )
    .max(100),
  objectives: z.array(line()).max(50),
  capacity: z.number().int().min(1).max(100_000).nullable(),
  editionId: z.string().uuid().nullable(),
  hostCountry: line(3).nullable(),
  updatedAt: instant,
});

export const LifeEventMessageSchema = z.object({
  ...base,
  type: z.literal("LifeEvent"),
  id: z.string().url(),
  event: EventWireSchema,
});

export const DelegationSchema = z.object({
  id: z.string().uuid(),
  editionId: z.string().uuid(),
  regionCode: z.enum(REGION_CODES),
  countryCode: z.string().regex(/^[A-Z]{2}$/),
  representative: line(200).min(1),
  substitute: line(200).nullable(),
  observers: z.array(line(200).min(1)).max(10),
  interpretation: z.array(z.enum(LOCALES)).max(4),
  registeredAt: instant,
});

export const DelegationRegistrationSchema = z.object({
  ...base,
  type: z.literal("DelegationRegistration"),
  id: z.string().url(),
  delegation: DelegationSchema,
});

export const DelegationAnswerSchema = z.object({
  ...base,
  type: z.literal("DelegationAnswer"),
  id: z.string().url(),
  delegationId: z.string().uuid(),
  status: z.enum(["pending", "accepted", "waitlisted", "refused"]),
  reason: line(2000).nullable(),
  decidedAt: instant,
});

export const EventJoinSchema = z.object({
  ...base,
  type: z.literal("EventJoin"),
  id: z.string().url(),
  /** The event's ActivityPub id (on the organizer's node). */
  event: z.string().url().max(2000),
  registration: z.object({
    /** The registration's id at the member's node (the answer names it). */
    id: z.string().uuid(),
    /** The member's name as the organizer sees it on its list of participants. */
    participant: line(200).min(1),
    requestedAt: instant,
  }),
});

export const EventJoinAnswerSchema = z.object({
  ...base,
  type: z.literal("EventJoinAnswer"),
  id: z.string().url(),
  event: z.string().url().max(2000),
  registrationId: z.string().uuid(),
  answer: z.enum(["Accept", "Reject"]),
  reason: z.enum(JOIN_REJECTIONS).nullable(),
  answeredAt: instant,
});

export const IpgDocumentMessageSchema = z.object({
  ...base,
  type: z.literal("IpgDocument"),
  id: z.string().url(),
  document: z.object({
    id: z.string().uuid(),
    editionId: z.string().uuid(),
    kind: z.enum(DOCUMENT_KINDS),
    title: line(TITLE_MAX).min(1),
    body: line(BODY_MAX).min(1),
    revision: z.number().int().min(1),
    ballotUri: z.string().url().max(2000).nullable(),
    publishedAt: instant,
  }),
});

export type EventWire = z.infer<typeof EventWireSchema>;
export type LifeEventMessage = z.infer<typeof LifeEventMessageSchema>;
export type DelegationRegistrationMessage = z.infer<typeof DelegationRegistrationSchema>;
export type DelegationAnswerMessage = z.infer<typeof DelegationAnswerSchema>;
export type EventJoinMessage = z.infer<typeof EventJoinSchema>;
export type EventJoinAnswerMessage = z.infer<typeof EventJoinAnswerSchema>;
export type IpgDocumentMessage = z.infer<typeof IpgDocumentMessageSchema>;

export const LifeDocuments = defineDocumentType({
  mediaType: LIFE_MEDIA_TYPE,
  kindField: "type",
  kinds: {
    LifeEvent: { schema: LifeEventMessageSchema, signed: true },
    DelegationRegistration: { schema: DelegationRegistrationSchema, signed: true },
    DelegationAnswer: { schema: DelegationAnswerSchema, signed: true },
    EventJoin: { schema: EventJoinSchema, signed: true },
    EventJoinAnswer: { schema: EventJoinAnswerSchema, signed: true },
    IpgDocument: { schema: IpgDocumentMessageSchema, signed: true },
  },
});
