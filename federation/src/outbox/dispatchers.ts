import type { Tenant } from "@dynamo/core";
import type { Db } from "@dynamo/db";
import type { Context, Federation } from "@fedify/fedify";
import { Activity, Article } from "@fedify/vocab";
import { tenantActorIdentifier } from "../actors.ts";
import type { FederationContextData } from "../context-data.ts";
import { createOutboxRepo } from "../db/outbox.ts";
import { createPublicationRepo } from "../db/publications.ts";
import { ACTOR_PATH } from "../federation.ts";
import type { NetworkContext } from "../network-context.ts";
import { toArticle } from "../publications/article.ts";
import { articleOf } from "../publications/use-cases.ts";

const PAGE_SIZE = 20;

export interface DispatcherHelpers {
  tenantOf(ctx: Context<FederationContextData>): Promise<Tenant | undefined>;
}

/**
 * Each actor's outbox, a paged collection (newest first; the cursor is a position) where peers
 * catch up on what they missed; and each article as a dereferenceable object, so any fediverse
 * server can read it.
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
      const entries = await createOutboxRepo(db, tenant.id).page(identifier, { limit: PAGE_SIZE, before });
      const items = await Promise.all(
        entries.map((e) =>
          Activity.fromJsonLd(e.payload, { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader }),
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
      return tenant ? createOutboxRepo(db, tenant.id).count(identifier) : null;
    })
    .setFirstCursor(() => "");

  fedify.setObjectDispatcher(Article, "/ap/articles/{id}", async (ctx, { id }) => {
    const tenant = await helpers.tenantOf(ctx);
    if (tenant === undefined || !/^[0-9a-f-]{36}$/.test(id)) return null;
    const publication = await createPublicationRepo(db, tenant.id).findById(id);
    if (publication === undefined || !publication.local) return null;
    const net = network();
    return toArticle(
      articleOf(net, tenant, publication),
      ctx.getFollowersUri(tenantActorIdentifier(tenant)),
      new URL("/publications/kinds/", net.federation.originOf(tenant)),
    );
  });
}
