import { err, ok, pickLocalized, type Result, type Tenant } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { Create, Delete, PUBLIC_COLLECTION, Tombstone, Update } from "@fedify/vocab";
import { tenantActorIdentifier } from "../actors.ts";
import { createPublicationRepo } from "../db/publications.ts";
import {
  isNewerVersion,
  type NewPublication,
  type Publication,
  type PublicationProblem,
  validateNewPublication,
} from "../domain/publication.ts";
import { actorUri, type NetworkContext, newActivityId } from "../network-context.ts";
import { enqueueActivity } from "../outbox/enqueue.ts";
import { type ArticleData, toArticle } from "./article.ts";

export type PublicationError = { kind: "invalid"; problems: PublicationProblem[] } | { kind: "not-found" };

/** Where a tenant's articles live: the ActivityPub object and the public page. */
export function articleUrls(ctx: NetworkContext, tenant: Tenant, id: string) {
  const origin = ctx.federation.originOf(tenant);
  return { objectId: new URL(`/ap/articles/${id}`, origin).href, url: new URL(`/publications/${id}`, origin).href };
}

export function articleOf(ctx: NetworkContext, tenant: Tenant, publication: Publication): ArticleData {
  return {
    objectId: publication.objectId,
    url: articleUrls(ctx, tenant, publication.id).url,
    authorActorId: publication.authorActorId,
    kind: publication.kind,
    titles: publication.titles,
    bodies: publication.bodies,
    language: publication.language ?? undefined,
    publishedAt: publication.publishedAt,
    updatedAt: publication.updatedAt,
  };
}

async function announce(
  ctx: NetworkContext,
  tx: DbOrTx,
  tenant: Tenant,
  verb: "Create" | "Update" | "Delete",
  publication: Publication,
): Promise<void> {
  const identifier = tenantActorIdentifier(tenant);
  const us = actorUri(ctx, tenant, identifier);
  const fctx = ctx.federation.contextFor(tenant);
  const followers = fctx.getFollowersUri(identifier);
  const object =
    verb === "Delete"
      ? new Tombstone({ id: new URL(publication.objectId) })
      : toArticle(articleOf(ctx, tenant, publication), followers, ctx.federation.originOf(tenant));
  const Verb = verb === "Create" ? Create : verb === "Update" ? Update : Delete;
  await enqueueActivity(ctx, tx, {
    tenant,
    actor: identifier,
    activity: new Verb({
      id: newActivityId(ctx, us, verb),
      actor: us,
      object,
      to: PUBLIC_COLLECTION,
      cc: followers,
    }),
    // Public: every peer, and every fediverse server that follows the tenant's publications.
    to: "public",
    listed: true,
  });
}

/** Publishes an article of the tenant: kept, and a Create sent to every peer after commit. */
export async function createPublication(
  ctx: NetworkContext,
  tenant: Tenant,
  input: NewPublication,
): Promise<Result<Publication, PublicationError>> {
  const { problems, publication } = validateNewPublication(input, tenant.defaultLocale);
  if (problems.length > 0) return err({ kind: "invalid", problems });
  const id = ctx.newId();
  const now = ctx.clock();
  const created: Publication = {
    id,
    objectId: articleUrls(ctx, tenant, id).objectId,
    authorActorId: actorUri(ctx, tenant, tenantActorIdentifier(tenant)).href,
    authorName: pickLocalized(tenant.names, tenant.defaultLocale) ?? tenant.slug,
    local: true,
    ...publication,
    publishedAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction(async (tx) => {
    await createPublicationRepo(tx, tenant.id).insert(id, created);
    await announce(ctx, tx, tenant, "Create", created);
  });
  ctx.wake();
  return ok(created);
}

/** Changes one of the tenant's own articles: an Update goes to every peer. */
export async function updatePublication(
  ctx: NetworkContext,
  tenant: Tenant,
  id: string,
  input: NewPublication,
): Promise<Result<Publication, PublicationError>> {
  const { problems, publication } = validateNewPublication(input, tenant.defaultLocale);
  if (problems.length > 0) return err({ kind: "invalid", problems });
  const result = await ctx.db.transaction(async (tx) => {
    const repo = createPublicationRepo(tx, tenant.id);
    const kept = await repo.findById(id);
    if (kept === undefined || !kept.local) return err({ kind: "not-found" as const });
    const updated: Publication = { ...kept, ...publication, updatedAt: ctx.clock() };
    await repo.replace(kept.objectId, {
      authorActorId: kept.authorActorId,
      authorName: kept.authorName,
      kind: updated.kind,
      titles: updated.titles,
      bodies: updated.bodies,
      language: updated.language,
      updatedAt: updated.updatedAt,
    });
    await announce(ctx, tx, tenant, "Update", updated);
    return ok(updated);
  });
  if (result.ok) ctx.wake();
  return result;
}

/** Withdraws one of the tenant's own articles: a Delete goes to every peer; a tombstone stays. */
export async function deletePublication(
  ctx: NetworkContext,
  tenant: Tenant,
  id: string,
): Promise<Result<null, PublicationError>> {
  const result = await ctx.db.transaction(async (tx) => {
    const repo = createPublicationRepo(tx, tenant.id);
    const kept = await repo.findById(id);
    if (kept === undefined || !kept.local) return err({ kind: "not-found" as const });
    await repo.tombstone(ctx.newId(), kept.objectId, kept.authorActorId, ctx.clock());
    await announce(ctx, tx, tenant, "Delete", kept);
    return ok(null);
  });
  if (result.ok) ctx.wake();
  return result;
}

/**
 * Keeps a peer's article: inserted when new, replaced only by a strictly newer version, never
 * brought back once deleted. So a Create and an Update received twice or in any order apply once.
 */
export async function applyArticle(
  ctx: NetworkContext,
  tx: DbOrTx,
  tenant: Tenant,
  article: ArticleData,
  authorName: string | null,
): Promise<"applied" | "ignored"> {
  const repo = createPublicationRepo(tx, tenant.id);
  const kept = await repo.findByObjectId(article.objectId);
  if (kept?.deleted) return "ignored";
  if (!isNewerVersion(kept, article)) return "ignored";
  const version = {
    authorActorId: article.authorActorId,
    authorName,
    kind: article.kind,
    titles: article.titles,
    bodies: article.bodies,
    language: article.language ?? null,
    updatedAt: article.updatedAt,
  };
  if (kept === undefined) {
    await repo.insert(ctx.newId(), {
      ...version,
      objectId: article.objectId,
      local: false,
      publishedAt: article.publishedAt,
    });
  } else {
    await repo.replace(article.objectId, version);
  }
  return "applied";
}

export async function applyDelete(
  ctx: NetworkContext,
  tx: DbOrTx,
  tenant: Tenant,
  objectId: string,
  actorId: string,
): Promise<void> {
  await createPublicationRepo(tx, tenant.id).tombstone(ctx.newId(), objectId, actorId, ctx.clock());
}
