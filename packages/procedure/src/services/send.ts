import type { DbOrTx } from "@dynamo/db";
import type { JsonObject } from "@dynamo/federation";
import type { BaseContext } from "../deps.ts";
import { PROCEDURE_CONTEXT, PROCEDURE_MEDIA_TYPE } from "../wire.ts";

/** A procedure document before its proof: context, id and actor are added here. */
export type Unsigned = { type: string } & Record<string, unknown>;

/**
 * Sends one signed document in the caller's transaction: to the hub (from a region) or to every
 * region (from the hub, listed in its outbox so that a region back from an outage catches up).
 * The signing function is loaded before the transaction (the key store is in the database).
 */
export async function sender(ctx: BaseContext) {
  const sign = await ctx.exchange.signer(ctx.tenant, "tenant");
  const actor = ctx.exchange.actorUri(ctx.tenant);
  return async (
    tx: DbOrTx,
    to: "hub" | "regions" | { actorId: string; inbox: string }[],
    document: Unsigned,
    objectPath: string,
  ): Promise<boolean> => {
    const now = ctx.clock();
    const id = `${actor}/procedure/${objectPath}/${ctx.newId()}`;
    const signed = await sign({ "@context": PROCEDURE_CONTEXT, id, actor, ...document } as JsonObject, now);
    let recipients: "peers" | { actorId: string; inbox: string }[] = "peers";
    if (Array.isArray(to)) recipients = to;
    if (to === "hub") {
      const hub = await ctx.exchange.hub(tx, ctx.tenant);
      if (hub === undefined) return false;
      recipients = [hub];
    }
    await ctx.exchange.send(tx, ctx.tenant, {
      mediaType: PROCEDURE_MEDIA_TYPE,
      document: signed,
      activityId: `${id}/activities/${ctx.newId()}`,
      objectId: id,
      verb: "create",
      published: now,
      display: { as: "document", name: document.type },
      from: "tenant",
      to: recipients,
      listed: to === "regions",
    });
    return true;
  };
}
