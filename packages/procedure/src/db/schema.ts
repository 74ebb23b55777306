import { at, tenantId } from "@dynamo/db/schema";
import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { AmendmentState } from "../domain/amendment.ts";
import type { Operation, RulesText } from "../domain/text.ts";
import type { VersionStatus } from "../domain/version.ts";

/**
 * The versions of the rules of procedure a node keeps. The hub makes every version in force (the
 * IPG adopts them) and signs the chain to every region, which keeps its copy of each text's chain
 * (the international ROI and every region's own). Numbers follow 1, 2, …; each version names the
 * hash of the one before.
 */
export const rulesVersions = pgTable(
  "procedure_versions",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    textKey: text("text_key").notNull(),
    number: integer("number").notNull(),
    status: text("status").$type<VersionStatus>().notNull(),
    text: jsonb("text").$type<RulesText>().notNull(),
    inForceSince: at("in_force_since"),
    ballotId: text("ballot_id"),
    ballotUri: text("ballot_uri"),
    amendmentIds: jsonb("amendment_ids").$type<string[]>().notNull(),
    previousHash: text("previous_hash"),
    hash: text("hash").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (t) => [uniqueIndex("procedure_versions_number").on(t.tenantId, t.textKey, t.number)],
);

/**
 * Amendments: at the hub, every one (it decides and schedules them); at a region, those its
 * members proposed and the copies of every other the hub told it about (`origin`).
 */
export const amendments = pgTable(
  "procedure_amendments",
  {
    id: uuid("id").notNull(),
    tenantId: tenantId(),
    textKey: text("text_key").notNull(),
    baseVersion: integer("base_version").notNull(),
    operations: jsonb("operations").$type<Operation[]>().notNull(),
    rationale: text("rationale").notNull(),
    state: text("state").$type<AmendmentState>().notNull(),
    reason: text("reason"),
    ballotId: text("ballot_id"),
    ballotUri: text("ballot_uri"),
    authorPersonId: text("author_person_id").notNull(),
    authorName: text("author_name").notNull(),
    authorRegion: text("author_region").notNull(),
    revision: integer("revision").notNull(),
    /** "local": proposed here by a member; "hub": the hub's copy (at a region) or received (at the hub). */
    origin: text("origin").$type<"local" | "hub" | "region">().notNull(),
    /** The version it produced, once applied. */
    appliedVersion: integer("applied_version"),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("procedure_amendments_text").on(t.tenantId, t.textKey),
    index("procedure_amendments_ballot").on(t.tenantId, t.ballotId),
  ],
);

export type DraftState = "draft" | "submitted" | "scheduled" | "adopted" | "rejected";

/**
 * A regional ROI being drafted: at its region, the coordinator's draft (members comment per
 * article); at the hub, the draft a region submitted, until the IPG adopts or rejects it.
 */
export const regionalDrafts = pgTable(
  "procedure_regional_drafts",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    textKey: text("text_key").notNull(),
    text: jsonb("text").$type<RulesText>().notNull(),
    state: text("state").$type<DraftState>().notNull(),
    ballotId: text("ballot_id"),
    ballotUri: text("ballot_uri"),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [uniqueIndex("procedure_regional_drafts_text").on(t.tenantId, t.textKey)],
);

/** Members' comments on a regional draft, per article. */
export const draftComments = pgTable(
  "procedure_draft_comments",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    textKey: text("text_key").notNull(),
    articleId: text("article_id").notNull(),
    personId: text("person_id").notNull(),
    authorName: text("author_name").notNull(),
    body: text("body").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (t) => [index("procedure_draft_comments_text").on(t.tenantId, t.textKey)],
);
