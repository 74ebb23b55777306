import type { TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Amendment } from "../domain/amendment.ts";
import type { RulesText } from "../domain/text.ts";
import type { RulesVersion } from "../domain/version.ts";
import { amendments, type DraftState, draftComments, regionalDrafts, rulesVersions } from "./schema.ts";

/** An amendment as a node keeps it: the domain's, with where it came from and when. */
export interface StoredAmendment extends Amendment {
  origin: "local" | "hub" | "region";
  ballotUri: string | null;
  appliedVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RegionalDraft {
  textKey: string;
  text: RulesText;
  state: DraftState;
  ballotId: string | null;
  ballotUri: string | null;
  updatedAt: Date;
}

export interface DraftComment {
  id: string;
  articleId: string;
  personId: string;
  authorName: string;
  body: string;
  createdAt: Date;
}

const toVersion = (row: typeof rulesVersions.$inferSelect): RulesVersion => ({
  textKey: row.textKey,
  number: row.number,
  status: row.status,
  text: row.text,
  inForceSince: row.inForceSince,
  ballotId: row.ballotId,
  ballotUri: row.ballotUri,
  amendmentIds: row.amendmentIds,
  previousHash: row.previousHash,
  hash: row.hash,
});

const toAmendment = (row: typeof amendments.$inferSelect): StoredAmendment => ({
  id: row.id,
  textKey: row.textKey,
  baseVersion: row.baseVersion,
  operations: row.operations,
  rationale: row.rationale,
  state: row.state,
  reason: row.reason,
  ballotId: row.ballotId,
  ballotUri: row.ballotUri,
  author: { personId: row.authorPersonId, name: row.authorName, regionCode: row.authorRegion },
  revision: row.revision,
  origin: row.origin,
  appliedVersion: row.appliedVersion,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** The versions of the rules a tenant keeps, per text, oldest first. */
export function createVersionRepo(db: DbOrTx, tenant: TenantId) {
  const of = (textKey: string) => and(eq(rulesVersions.tenantId, tenant), eq(rulesVersions.textKey, textKey));
  return {
    async list(textKey: string): Promise<RulesVersion[]> {
      const rows = await db.select().from(rulesVersions).where(of(textKey)).orderBy(asc(rulesVersions.number));
      return rows.map(toVersion);
    },
    async find(textKey: string, number: number): Promise<RulesVersion | undefined> {
      const [row] = await db
        .select()
        .from(rulesVersions)
        .where(and(of(textKey), eq(rulesVersions.number, number)));
      return row === undefined ? undefined : toVersion(row);
    },
    /** The version in force (the last one), if the text has any. */
    async current(textKey: string): Promise<RulesVersion | undefined> {
      const [row] = await db
        .select()
        .from(rulesVersions)
        .where(of(textKey))
        .orderBy(desc(rulesVersions.number))
        .limit(1);
      return row === undefined ? undefined : toVersion(row);
    },
    /** Every text this tenant keeps a version of, with its version in force. */
    async texts(): Promise<RulesVersion[]> {
      const rows = await db
        .selectDistinctOn([rulesVersions.textKey])
        .from(rulesVersions)
        .where(eq(rulesVersions.tenantId, tenant))
        .orderBy(asc(rulesVersions.textKey), desc(rulesVersions.number));
      return rows.map(toVersion);
    },
    /** Serialises the making of a text's next version (a transaction-scoped advisory lock). */
    async lockText(textKey: string): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`procedure:${tenant}:${textKey}`}))`);
    },
    /** Adds a version in force: the one before is superseded. */
    async add(version: RulesVersion, id: string, now: Date): Promise<void> {
      await db
        .update(rulesVersions)
        .set({ status: "superseded" })
        .where(and(of(version.textKey), eq(rulesVersions.status, "in-force")));
      await db.insert(rulesVersions).values({ ...version, id, tenantId: tenant, createdAt: now });
    },
  };
}

export function createAmendmentRepo(db: DbOrTx, tenant: TenantId) {
  const mine = eq(amendments.tenantId, tenant);
  return {
    async list(textKey?: string): Promise<StoredAmendment[]> {
      const rows = await db
        .select()
        .from(amendments)
        .where(textKey === undefined ? mine : and(mine, eq(amendments.textKey, textKey)))
        .orderBy(desc(amendments.createdAt));
      return rows.map(toAmendment);
    },
    async find(id: string): Promise<StoredAmendment | undefined> {
      const [row] = await db
        .select()
        .from(amendments)
        .where(and(mine, eq(amendments.id, id)));
      return row === undefined ? undefined : toAmendment(row);
    },
    async lock(id: string): Promise<StoredAmendment | undefined> {
      const [row] = await db
        .select()
        .from(amendments)
        .where(and(mine, eq(amendments.id, id)))
        .for("update");
      return row === undefined ? undefined : toAmendment(row);
    },
    async byBallot(ballotId: string): Promise<StoredAmendment[]> {
      const rows = await db
        .select()
        .from(amendments)
        .where(and(mine, eq(amendments.ballotId, ballotId)));
      return rows.map(toAmendment);
    },
    /** Inserts or replaces the whole amendment (a copy from the hub, or a change made here). */
    async save(amendment: StoredAmendment): Promise<void> {
      const values = {
        id: amendment.id,
        tenantId: tenant,
        textKey: amendment.textKey,
        baseVersion: amendment.baseVersion,
        operations: amendment.operations,
        rationale: amendment.rationale,
        state: amendment.state,
        reason: amendment.reason,
        ballotId: amendment.ballotId,
        ballotUri: amendment.ballotUri,
        authorPersonId: amendment.author.personId,
        authorName: amendment.author.name,
        authorRegion: amendment.author.regionCode,
        revision: amendment.revision,
        origin: amendment.origin,
        appliedVersion: amendment.appliedVersion,
        createdAt: amendment.createdAt,
        updatedAt: amendment.updatedAt,
      };
      const { id: _id, tenantId: _tenant, createdAt: _created, origin: _origin, ...changes } = values;
      await db
        .insert(amendments)
        .values(values)
        .onConflictDoUpdate({ target: [amendments.tenantId, amendments.id], set: changes });
    },
  };
}

export function createDraftRepo(db: DbOrTx, tenant: TenantId) {
  const of = (textKey: string) => and(eq(regionalDrafts.tenantId, tenant), eq(regionalDrafts.textKey, textKey));
  const toDraft = (row: typeof regionalDrafts.$inferSelect): RegionalDraft => ({
    textKey: row.textKey,
    text: row.text,
    state: row.state,
    ballotId: row.ballotId,
    ballotUri: row.ballotUri,
    updatedAt: row.updatedAt,
  });
  return {
    async find(textKey: string): Promise<RegionalDraft | undefined> {
      const [row] = await db.select().from(regionalDrafts).where(of(textKey));
      return row === undefined ? undefined : toDraft(row);
    },
    async list(): Promise<RegionalDraft[]> {
      const rows = await db.select().from(regionalDrafts).where(eq(regionalDrafts.tenantId, tenant));
      return rows.map(toDraft);
    },
    async byBallot(ballotId: string): Promise<RegionalDraft | undefined> {
      const [row] = await db
        .select()
        .from(regionalDrafts)
        .where(and(eq(regionalDrafts.tenantId, tenant), eq(regionalDrafts.ballotId, ballotId)));
      return row === undefined ? undefined : toDraft(row);
    },
    async save(draft: RegionalDraft, id: string): Promise<void> {
      await db
        .insert(regionalDrafts)
        .values({ ...draft, id, tenantId: tenant })
        .onConflictDoUpdate({
          target: [regionalDrafts.tenantId, regionalDrafts.textKey],
          set: {
            text: draft.text,
            state: draft.state,
            ballotId: draft.ballotId,
            ballotUri: draft.ballotUri,
            updatedAt: draft.updatedAt,
          },
        });
    },
    async comments(textKey: string): Promise<DraftComment[]> {
      const rows = await db
        .select()
        .from(draftComments)
        .where(and(eq(draftComments.tenantId, tenant), eq(draftComments.textKey, textKey)))
        .orderBy(asc(draftComments.createdAt));
      return rows.map(({ tenantId: _t, textKey: _k, ...rest }) => rest);
    },
    async comment(textKey: string, comment: DraftComment): Promise<void> {
      await db.insert(draftComments).values({ ...comment, tenantId: tenant, textKey });
    },
  };
}
