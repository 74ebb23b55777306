import type { TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, asc, eq, isNull } from "drizzle-orm";
import { type ActorKeyKind, actorKeys } from "./schema.ts";

/** One stored key of an actor. The private key stays sealed here; only federation/ opens it. */
export interface StoredActorKey {
  id: string;
  tenantId: TenantId;
  actorIdentifier: string;
  kind: ActorKeyKind;
  publicKey: JsonWebKey;
  sealedPrivateKey: string;
  createdAt: Date;
  retiredAt: Date | null;
}

export type NewActorKey = Pick<StoredActorKey, "id" | "tenantId" | "actorIdentifier" | "kind" | "publicKey"> & {
  sealedPrivateKey: string;
};

export function createActorKeyRepo(db: DbOrTx) {
  const toKey = (row: typeof actorKeys.$inferSelect): StoredActorKey => ({
    id: row.id,
    tenantId: row.tenantId as TenantId,
    actorIdentifier: row.actorIdentifier,
    kind: row.kind,
    publicKey: row.publicKey,
    sealedPrivateKey: row.privateKey,
    createdAt: row.createdAt,
    retiredAt: row.retiredAt,
  });
  const toRow = (key: NewActorKey) => ({
    id: key.id,
    tenantId: key.tenantId,
    actorIdentifier: key.actorIdentifier,
    kind: key.kind,
    publicKey: key.publicKey,
    privateKey: key.sealedPrivateKey,
  });
  const ofActor = (tenantId: TenantId, actorIdentifier: string) =>
    and(eq(actorKeys.tenantId, tenantId), eq(actorKeys.actorIdentifier, actorIdentifier));

  return {
    /** The actor's keys in use: at most one of each kind. */
    async listActive(tenantId: TenantId, actorIdentifier: string): Promise<StoredActorKey[]> {
      const rows = await db
        .select()
        .from(actorKeys)
        .where(and(ofActor(tenantId, actorIdentifier), isNull(actorKeys.retiredAt)))
        .orderBy(asc(actorKeys.kind));
      return rows.map(toKey);
    },

    /** Every key the actor ever had, oldest first. */
    async listAll(tenantId: TenantId, actorIdentifier: string): Promise<StoredActorKey[]> {
      const rows = await db
        .select()
        .from(actorKeys)
        .where(ofActor(tenantId, actorIdentifier))
        .orderBy(asc(actorKeys.createdAt), asc(actorKeys.kind));
      return rows.map(toKey);
    },

    /**
     * Adds first keys. A key of a kind the actor already has in use is dropped: when two
     * requests generate keys at once, the first stored wins and both then read it.
     */
    async addIfMissing(keys: readonly NewActorKey[]): Promise<void> {
      if (keys.length === 0) return;
      await db.insert(actorKeys).values(keys.map(toRow)).onConflictDoNothing();
    },

    /** Retires the actor's keys in use and puts the replacements in their place, all at once. */
    async rotate(tenantId: TenantId, actorIdentifier: string, replacements: readonly NewActorKey[]): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .update(actorKeys)
          .set({ retiredAt: new Date() })
          .where(and(ofActor(tenantId, actorIdentifier), isNull(actorKeys.retiredAt)));
        if (replacements.length > 0) await tx.insert(actorKeys).values(replacements.map(toRow));
      });
    },
  };
}

export type ActorKeyRepo = ReturnType<typeof createActorKeyRepo>;
