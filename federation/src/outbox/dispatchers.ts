import type { Tenant } from "@dynamo/core";
import type { Db } from "@dynamo/db";
import type { Context, Federation, RequestContext } from "@fedify/fedify";
import { Activity, Article } from "@fedify/vocab";
import { tenantActorIdentifier } from "../actors.ts";
import type { FederationContextData } from "../context-data.ts";
import { createOutboxRepo, type OutboxReader } from "../db/outbox.ts";
import { createPeerRepo } from "../db/peers.ts";
import { createPublicationRepo } from "../db/publications.ts";
import { ACTOR_PATH, COLLECTION_PAGE_SIZE } from "../federation.ts";
import type { NetworkContext } from "../network-context.ts";
import { toArticle } from "../publications/article.ts";
import { articleOf } from "../publications/use-cases.ts";
import { toReaderForm } from "../vocab/wire-form.ts";

const PAGE_SIZE = 20;

export interface DispatcherHelpers {
  tenantOf(ctx: Context<FederationContextData>): Promise<Tenant | undefined>;
  membersAuthorized(ctx: RequestContext<FederationContextData>): Promise<boolean>;
}

/** Who is reading: an active peer of the tenant that signed the request (authorized fetch), or anyone. */
async function readerOf(db: Db, tenant: Tenant, ctx: RequestContext<FederationContextData>): Promise<OutboxReader> {
  const owner = await ctx.getSignedKeyOwner().catch(() => null);
  const actorId = owner?.id?.href;
  if (actorId === undefined) return "anyone";
  return (await createPeerRepo(db, tenant.id).find(actorId))?.state === "active" ? { peer: actorId } : "anyone";
}

/**
 * Each actor's outbox, a paged collection (newest first; the cursor is a position): anyone reads
 * the public activities (and its count counts those only); a peer, on a signed fetch, also those
 * sent to it, and catches up there on what it missed. Each activity is shown as it was sent, its
 * languages in their order. Each actor's following (its active peers, members on a signed fetch
 * by a peer), and each article as a dereferenceable object, so any fediverse server can read it.
 */
export function registerNetworkDispatchers(
  fedify: Federation<FederationContextData>,
  db: Db,
  network: () => NetworkContext,
  helpers: DispatcherHelpers,
): void {
  fedify
    .setOutboxDispatcher(`${ACTOR_PATH}/outbox`, async (ctx, identifier, cursor) => {
      const tenant = await helpers.tenantOf(ctx);
      if (tenant === undefined || cursor === null) return null;
      const before = cursor === "" ? undefined : Number.parseInt(cursor, 10);
      if (before !== undefined && !Number.isSafeInteger(before)) return null;
      const reader = await readerOf(db, tenant, ctx);
      const entries = await createOutboxRepo(db, tenant.id).page(identifier, { limit: PAGE_SIZE, before, reader });
      // An activity read from its JSON is served as that JSON: the reader's form of what was stored.
      const items = await Promise.all(
        entries.map((e) =>
          Activity.fromJsonLd(toReaderForm(e.payload), {
            documentLoader: ctx.documentLoader,
            contextLoader: ctx.contextLoader,
          }),
        ),
      );
      const last = entries.at(-1);
      return {
        items: items.filter((item): item is Activity => item instanceof Activity),
        nextCursor: entries.length === PAGE_SIZE && last ? String(last.seq) : null,
      };
    })
    .setCounter(async (ctx, identifier) => {
      const tenant = await helpers.tenantOf(ctx);
      return tenant ? createOutboxRepo(db, tenant.id).count(identifier, await readerOf(db, tenant, ctx)) : null;
    })
    .setFirstCursor(() => "");

  fedify
    .setFollowingDispatcher(`${ACTOR_PATH}/following`, async (ctx, identifier, cursor) => {
      const tenant = await helpers.tenantOf(ctx);
      if (tenant === undefined || identifier !== tenantActorIdentifier(tenant)) return null;
      const offset = cursor === null ? 0 : Number.parseInt(cursor, 10);
      if (!Number.isSafeInteger(offset) || offset < 0) return null;
      const peers = await createPeerRepo(db, tenant.id).listActive();
      const page = cursor === null ? peers : peers.slice(offset, offset + COLLECTION_PAGE_SIZE);
      return {
        items: page.map((p) => new URL(p.actorId)),
        nextCursor:
          cursor !== null && offset + COLLECTION_PAGE_SIZE < peers.length
            ? String(offset + COLLECTION_PAGE_SIZE)
            : null,
      };
    })
    .setCounter(async (ctx, identifier) => {
      const tenant = await helpers.tenantOf(ctx);
      if (tenant === undefined || identifier !== tenantActorIdentifier(tenant)) return null;
      return (await createPeerRepo(db, tenant.id).listActive()).length;
    })
    .setFirstCursor(() => "0")
    .authorize(helpers.membersAuthorized);

  fedify.setObjectDispatcher(Article, "/ap/articles/{id}", async (ctx, { id }) => {
    const tenant = await helpers.tenantOf(ctx);
    if (tenant === undefined || !/^[0-9a-f-]{36}$/.test(id)) return null;
    const publication = await createPublicationRepo(db, tenant.id).findById(id);
    if (publication === undefined || !publication.local) return null;
    const net = network();
    return toArticle(
      articleOf(net, tenant, publication),
      ctx.getFollowersUri(tenantActorIdentifier(tenant)),
      net.federation.originOf(tenant),
    );
  });
}
