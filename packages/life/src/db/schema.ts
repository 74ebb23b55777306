import type { Locale, RegionCode } from "@dynamo/core";
import { at, tenantId } from "@dynamo/db/schema";
import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { DelegationStatus, EditionStatus } from "../domain/edition.ts";
import type { EventKind, EventStatus, Place, Provider, Session } from "../domain/event.ts";
import type { DocumentKind, DocumentState } from "../domain/ipg-document.ts";
import type { JoinRejection, JoinStatus } from "../domain/registration.ts";
import type { Continent } from "../domain/rotation.ts";

/**
 * IPG editions, kept at the hub: one per year, its host, its dates in the host's zone, its
 * status and agenda (its documents and minutes: life_ipg_documents). Regions know an edition by its Event.
 */
export const ipgEditions = pgTable(
  "life_ipg_editions",
  {
    tenantId: tenantId(),
    id: uuid("id").notNull(),
    year: integer("year").notNull(),
    continent: text("continent").$type<Continent>().notNull(),
    country: text("country").notNull(),
    city: text("city").notNull(),
    timeZone: text("time_zone").notNull(),
    startsAt: at("starts_at").notNull(),
    endsAt: at("ends_at").notNull(),
    status: text("status").$type<EditionStatus>().notNull(),
    repeatReason: text("repeat_reason"),
    capacity: integer("capacity").notNull(),
    agenda: jsonb("agenda").$type<unknown[]>().notNull(),
    eventUri: text("event_uri").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("life_ipg_editions_year_key").on(t.tenantId, t.year),
  ],
);

/**
 * The network's events as one node knows them: its own (a region's pilot groups, actions,
 * trainings and visits; the hub's IPG editions) and those its peers sent, by their Event's id.
 */
export const lifeEvents = pgTable(
  "life_events",
  {
    tenantId: tenantId(),
    id: uuid("id").notNull(),
    uri: text("uri").notNull(),
    own: integer("own").notNull(),
    kind: text("kind").$type<EventKind>().notNull(),
    regionCode: text("region_code").$type<RegionCode>(),
    organizer: text("organizer").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    startsAt: at("starts_at").notNull(),
    endsAt: at("ends_at").notNull(),
    timeZone: text("time_zone").notNull(),
    place: jsonb("place").$type<Place>().notNull(),
    status: text("status").$type<EventStatus>().notNull(),
    theme: text("theme"),
    indicatorKey: text("indicator_key"),
    provider: text("provider").$type<Provider>(),
    platforms: jsonb("platforms").$type<string[]>().notNull(),
    participants: integer("participants"),
    outcome: text("outcome"),
    evidence: jsonb("evidence").$type<string[]>().notNull(),
    sessions: jsonb("sessions").$type<Session[]>().notNull(),
    objectives: jsonb("objectives").$type<string[]>().notNull(),
    capacity: integer("capacity"),
    editionId: uuid("edition_id"),
    hostCountry: text("host_country"),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("life_events_uri_key").on(t.tenantId, t.uri),
    index("life_events_start_idx").on(t.tenantId, t.startsAt),
  ],
);

/** Members registered for one of the node's own events: accepted while seats remain, then waitlisted. */
export const lifeRegistrations = pgTable(
  "life_registrations",
  {
    tenantId: tenantId(),
    eventId: uuid("event_id").notNull(),
    personId: uuid("person_id").notNull(),
    status: text("status").$type<"accepted" | "waitlisted">().notNull(),
    createdAt: at("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.eventId, t.personId] })],
);

/**
 * At the member's node: its members' registrations for other nodes' events (a Join sent to the
 * organizer), pending until the organizer's Accept or Reject comes back.
 */
export const lifeEventJoins = pgTable(
  "life_event_joins",
  {
    tenantId: tenantId(),
    id: uuid("id").notNull(),
    eventId: uuid("event_id").notNull(),
    personId: uuid("person_id").notNull(),
    status: text("status").$type<JoinStatus>().notNull(),
    reason: text("reason").$type<JoinRejection>(),
    requestedAt: at("requested_at").notNull(),
    answeredAt: at("answered_at"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("life_event_joins_person_key").on(t.tenantId, t.eventId, t.personId),
  ],
);

/**
 * At the organizer's node: the registrations other nodes sent for its own events (their Joins),
 * with the answer given; the accepted ones take places like the local registrations.
 */
export const lifeRemoteRegistrations = pgTable(
  "life_remote_registrations",
  {
    tenantId: tenantId(),
    eventId: uuid("event_id").notNull(),
    /** The member's node's actor, and its registration's id. */
    sender: text("sender").notNull(),
    registrationId: uuid("registration_id").notNull(),
    participant: text("participant").notNull(),
    status: text("status").$type<"accepted" | "rejected">().notNull(),
    reason: text("reason").$type<JoinRejection>(),
    createdAt: at("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.sender, t.registrationId] }),
    index("life_remote_registrations_event_idx").on(t.tenantId, t.eventId),
  ],
);

/**
 * Platforms' delegations to IPG editions: at the region, those its representatives registered
 * (with the hub's answer once it came); at the hub, every region's, with its decision.
 */
export const ipgDelegations = pgTable(
  "life_ipg_delegations",
  {
    tenantId: tenantId(),
    id: uuid("id").notNull(),
    editionId: uuid("edition_id").notNull(),
    regionCode: text("region_code").$type<RegionCode>().notNull(),
    countryCode: text("country_code").notNull(),
    representative: text("representative").notNull(),
    substitute: text("substitute"),
    observers: jsonb("observers").$type<string[]>().notNull(),
    interpretation: jsonb("interpretation").$type<Locale[]>().notNull(),
    status: text("status").$type<DelegationStatus>().notNull(),
    reason: text("reason"),
    /** At the hub: the region actor that sent it (answers go back to it). */
    sender: text("sender"),
    registeredAt: at("registered_at").notNull(),
    decidedAt: at("decided_at"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("life_ipg_delegations_platform_key").on(t.tenantId, t.editionId, t.countryCode),
  ],
);

/**
 * An IPG edition's documents and minutes (Markdown): at the hub, every draft, text in vote and
 * published text of the secretariat; at a region, the published ones the hub sent.
 */
export const ipgDocuments = pgTable(
  "life_ipg_documents",
  {
    tenantId: tenantId(),
    id: uuid("id").notNull(),
    editionId: uuid("edition_id").notNull(),
    kind: text("kind").$type<DocumentKind>().notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    state: text("state").$type<DocumentState>().notNull(),
    revision: integer("revision").notNull(),
    ballotId: uuid("ballot_id"),
    ballotUri: text("ballot_uri"),
    lastOutcome: text("last_outcome").$type<"rejected" | "no-quorum">(),
    publishedAt: at("published_at"),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("life_ipg_documents_edition_idx").on(t.tenantId, t.editionId),
    index("life_ipg_documents_ballot_idx").on(t.tenantId, t.ballotId),
  ],
);
