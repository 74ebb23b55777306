import type { PersonId, TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, eq, isNull } from "drizzle-orm";
import { personTokens } from "./schema.ts";

export type TokenPurpose = "invitation" | "password-reset";

export interface PersonToken {
  id: string;
  personId: PersonId;
  purpose: TokenPurpose;
  createdBy: PersonId | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

/** Invitation and password-reset links of one tenant, found by the SHA-256 of their token. */
export function createPersonTokenRepo(db: DbOrTx, tenantId: TenantId) {
  return {
    async create(input: Omit<PersonToken, "usedAt"> & { tokenHash: string }): Promise<void> {
      await db.insert(personTokens).values({ ...input, tenantId, usedAt: null });
    },

    async findByHash(tokenHash: string, purpose: TokenPurpose): Promise<PersonToken | undefined> {
      const [row] = await db
        .select()
        .from(personTokens)
        .where(
          and(
            eq(personTokens.tenantId, tenantId),
            eq(personTokens.tokenHash, tokenHash),
            eq(personTokens.purpose, purpose),
          ),
        );
      if (row === undefined) return undefined;
      return {
        id: row.id,
        personId: row.personId as PersonId,
        purpose: row.purpose,
        createdBy: row.createdBy as PersonId | null,
        createdAt: row.createdAt,
        expiresAt: row.expiresAt,
        usedAt: row.usedAt,
      };
    },

    /** Marks the link used; false when another request used it first. */
    async markUsed(id: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(personTokens)
        .set({ usedAt: now })
        .where(and(eq(personTokens.tenantId, tenantId), eq(personTokens.id, id), isNull(personTokens.usedAt)))
        .returning({ id: personTokens.id });
      return rows.length === 1;
    },

    /** Ends every unused link of a person for one purpose (a new one replaces them). */
    async expireUnused(personId: PersonId, purpose: TokenPurpose, now: Date): Promise<void> {
      await db
        .update(personTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(personTokens.tenantId, tenantId),
            eq(personTokens.personId, personId),
            eq(personTokens.purpose, purpose),
            isNull(personTokens.usedAt),
          ),
        );
    },
  };
}

export type PersonTokenRepo = ReturnType<typeof createPersonTokenRepo>;
