import { randomUUID } from "node:crypto";
import { createPeerRepo, createRosterRepo, type DbOrTx, type Tx } from "@dynamo/db";
import type { RegionCode, Tenant } from "@dynamo/domain";
import { Create, Document } from "@fedify/vocab";
import { tenantActorIdentifier } from "../actors.ts";
import type { NodeFederation } from "../federation.ts";
import type { NetworkServices } from "../network.ts";
import type { ActivityHandler } from "../receive/apply.ts";

/**
 * The reports' messages on the wire: a region's signed report for the hub, the hub's signed
 * receipt or send-back, the hub's publication. Each is one JSON document signed by its sender's
 * actor (a Data Integrity proof of its own, eddsa-jcs-2022, made and checked by the reports
 * area so the hub can keep the signed JSON and check it again at any time), carried as the
 * content of a Document of media type REPORT_MEDIA_TYPE in a Create that the delivery worker
 * signs (HTTP Signatures, and Fedify's integrity proof on the activity).
 */
export const REPORT_MEDIA_TYPE = "application/vnd.dynamo.report+json";

/** The reports area's port on this node's federation (see @dynamo/node-kit's ReportsNetwork). */
export interface ReportsFederation {
  signingKey(tenant: Tenant): Promise<{ actorId: string; keyId: string; privateKey: CryptoKey }>;
  resolveKey(tenant: Tenant, keyId: string): Promise<{ controller: string; publicKeyMultibase: string } | undefined>;
  peers(
    db: DbOrTx,
    tenant: Tenant,
  ): Promise<{ actorId: string; inbox: string; regionCode: RegionCode | null; role: "hub" | "region" }[]>;
  enqueue(
    tx: DbOrTx,
    tenant: Tenant,
    to: "peers" | readonly { actorId: string; inbox: string }[],
    message: { id: string; type: string } & Record<string, unknown>,
    listed: boolean,
  ): Promise<void>;
  wake(): void;
}

export function createReportsFederation(
  federation: NodeFederation,
  services: Pick<NetworkServices, "sendAfterCommit" | "afterCommit">,
): ReportsFederation {
  return {
    async signingKey(tenant) {
      const identifier = tenantActorIdentifier(tenant);
      const pairs = await federation.keys.keyPairsOf(tenant.id, identifier);
      const index = pairs.findIndex((pair) => pair.kind === "ed25519");
      const pair = pairs[index];
      if (pair === undefined) throw new Error(`actor ${identifier} of ${tenant.slug} has no Ed25519 key`);
      const actorId = federation.contextFor(tenant).getActorUri(identifier).href;
      // Fedify publishes the actor's keys as assertion methods #multikey-1, #multikey-2… in the
      // order the key store gives them.
      return { actorId, keyId: `${actorId}#multikey-${index + 1}`, privateKey: pair.keyPair.privateKey };
    },

    async resolveKey(_tenant, keyId) {
      // Called inside the transaction that records the activity: it must not touch the database
      // (Fedify's cached loader does, which on embedded PGlite's single connection would wait on
      // itself). The key's actor is an active peer (checked before): its document is fetched
      // as it is now, and the reports area checks the key against it.
      let url: URL;
      try {
        url = new URL(keyId);
      } catch {
        return undefined;
      }
      const actorUrl = new URL(url.href);
      actorUrl.hash = "";
      const response = await fetch(actorUrl, {
        headers: { accept: "application/activity+json" },
        redirect: "error",
        signal: AbortSignal.timeout(15_000),
      }).catch(() => undefined);
      if (response === undefined || !response.ok) return undefined;
      const actor = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
      const methods = actor?.assertionMethod;
      for (const method of Array.isArray(methods) ? methods : [methods]) {
        if (typeof method !== "object" || method === null) continue;
        const m = method as Record<string, unknown>;
        if (m.id !== keyId || m.type !== "Multikey" || typeof m.publicKeyMultibase !== "string") continue;
        if (m.controller !== actor?.id || actor?.id !== actorUrl.href) return undefined;
        return { controller: actorUrl.href, publicKeyMultibase: m.publicKeyMultibase };
      }
      return undefined;
    },

    async peers(db, tenant) {
      const roster = createRosterRepo(db, tenant.id);
      const peers = await createPeerRepo(db, tenant.id).listActive();
      const out = [];
      for (const p of peers) {
        // A hub peers only with regions. A region peers with its hub and with the regions the
        // hub's roster names (which send their region code with their platforms): a peer that
        // has no region code and that no roster names is the hub.
        const isHub = tenant.kind === "region" && p.regionCode === null && !(await roster.isRosterRegion(p.actorId));
        out.push({
          actorId: p.actorId,
          inbox: p.inbox,
          regionCode: p.regionCode,
          role: isHub ? ("hub" as const) : ("region" as const),
        });
      }
      return out;
    },

    async enqueue(tx, tenant, to, message, listed) {
      const identifier = tenantActorIdentifier(tenant);
      const fctx = federation.contextFor(tenant);
      const actor = fctx.getActorUri(identifier);
      const audience = to === "peers" ? [fctx.getFollowersUri(identifier)] : to.map((r) => new URL(r.actorId));
      const object = new Document({
        id: new URL(message.id),
        attribution: actor,
        name: message.type,
        mediaType: REPORT_MEDIA_TYPE,
        content: JSON.stringify(message),
        tos: audience,
      });
      const activity = new Create({
        id: new URL(`${actor.href}/activities/create/${randomUUID()}`),
        actor,
        tos: audience,
        object,
      });
      await services.sendAfterCommit(tx, { tenant, actor: identifier, activity, to, listed });
    },

    wake: () => services.afterCommit(),
  };
}

/**
 * The federation's handler for report messages: finds the report document a received activity
 * carries and hands it, as it came, to the reports area, in the transaction that records the
 * activity. Anything else is left to the next handler.
 */
export function reportActivityHandler(
  handle: (input: {
    tx: Tx;
    tenant: Tenant;
    peerActorId: string;
    /** The carrying activity's id, to name it if the reports area refuses the document. */
    activityId: string;
    document: unknown;
    via: "inbox" | "catch-up";
  }) => Promise<"handled" | "ignored">,
): ActivityHandler {
  return async ({ tx, tenant, peer, received, via }) => {
    if (received.message.kind !== "other" || received.type !== "Create") return "ignored";
    const json = (await received.activity.toJsonLd()) as Record<string, unknown>;
    const object = json.object as Record<string, unknown> | undefined;
    if (object?.mediaType !== REPORT_MEDIA_TYPE || typeof object.content !== "string") return "ignored";
    let document: unknown;
    try {
      document = JSON.parse(object.content);
    } catch {
      return "ignored";
    }
    return handle({ tx, tenant, peerActorId: peer.actorId, activityId: received.id, document, via });
  };
}
