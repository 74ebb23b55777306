import type { DbOrTx } from "@dynamo/db";
import { and, asc, eq } from "drizzle-orm";
import type { IpgDocument } from "../domain/ipg-document.ts";
import { ipgDocuments } from "./schema.ts";

type DocumentRow = typeof ipgDocuments.$inferSelect;

const documentOf = (r: DocumentRow): IpgDocument => ({
  id: r.id,
  editionId: r.editionId,
  kind: r.kind,
  title: r.title,
  body: r.body,
  state: r.state,
  revision: r.revision,
  ballotId: r.ballotId,
  ballotUri: r.ballotUri,
  lastOutcome: r.lastOutcome ?? null,
  publishedAt: r.publishedAt,
  updatedAt: r.updatedAt,
});

/** An IPG edition's documents and minutes, for one tenant. */
export function createIpgDocumentRepo(db: DbOrTx, tenantId: string) {
  const byId = (id: string) => and(eq(ipgDocuments.tenantId, tenantId), eq(ipgDocuments.id, id));
  return {
    async ofEdition(editionId: string): Promise<IpgDocument[]> {
      const rows = await db
        .select()
        .from(ipgDocuments)
        .where(and(eq(ipgDocuments.tenantId, tenantId), eq(ipgDocuments.editionId, editionId)))
        .orderBy(asc(ipgDocuments.kind), asc(ipgDocuments.title), asc(ipgDocuments.id));
      return rows.map(documentOf);
    },
    async find(id: string): Promise<IpgDocument | undefined> {
      const [row] = await db.select().from(ipgDocuments).where(byId(id));
      return row === undefined ? undefined : documentOf(row);
    },
    /** The document, its row locked until the transaction ends (one change at a time). */
    async lock(id: string): Promise<IpgDocument | undefined> {
      const [row] = await db.select().from(ipgDocuments).where(byId(id)).for("update");
      return row === undefined ? undefined : documentOf(row);
    },
    async byBallot(ballotId: string): Promise<IpgDocument[]> {
      const rows = await db
        .select()
        .from(ipgDocuments)
        .where(and(eq(ipgDocuments.tenantId, tenantId), eq(ipgDocuments.ballotId, ballotId)));
      return rows.map(documentOf);
    },
    /** Inserts or replaces a document by its id. */
    async save(d: IpgDocument): Promise<void> {
      const { id, ...values } = d;
      await db
        .insert(ipgDocuments)
        .values({ tenantId, id, ...values })
        .onConflictDoUpdate({ target: [ipgDocuments.tenantId, ipgDocuments.id], set: values });
    },
  };
}
