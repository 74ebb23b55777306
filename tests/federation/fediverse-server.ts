import { KeyObject } from "node:crypto";
import { freePort } from "@dynamo/testing";
import { createFederation, generateCryptoKeyPair, MemoryKvStore } from "@fedify/fedify";
import { Activity, Endpoints, Follow, Organization, Person } from "@fedify/vocab";
import { serve } from "@hono/node-server";

/**
 * A small real fediverse server for tests: its own Fedify, its own actor and keys, over HTTP on
 * a loopback address. A "reader" is a Person, as a Mastodon account is; a "node" an
 * Organization that says nothing of our network, as an independent ActivityPub actor would.
 */
export async function startFediverseServer(address: string, kind: "reader" | "node") {
  const port = await freePort(address);
  const origin = `http://${address}:${port}`;
  const keys = await Promise.all([generateCryptoKeyPair("RSASSA-PKCS1-v1_5"), generateCryptoKeyPair("Ed25519")]);
  const received: Record<string, unknown>[] = [];
  const federation = createFederation<void>({ kv: new MemoryKvStore(), allowPrivateAddress: true });
  const Actor = kind === "reader" ? Person : Organization;
  federation
    .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
      const pairs = await ctx.getActorKeyPairs(identifier);
      return new Actor({
        id: ctx.getActorUri(identifier),
        preferredUsername: identifier,
        name: `${identifier} on a fediverse server`,
        inbox: ctx.getInboxUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        publicKey: pairs[0]?.cryptographicKey ?? null,
        assertionMethods: pairs.map((p) => p.multikey),
      });
    })
    .setKeyPairsDispatcher(async () => keys);
  federation.setInboxListeners("/users/{identifier}/inbox", "/inbox").on(Activity, async (_ctx, activity) => {
    received.push((await activity.toJsonLd()) as Record<string, unknown>);
  });
  const server = serve({
    hostname: address,
    port,
    fetch: (request) => federation.fetch(request, { contextData: undefined }),
  });
  const ctx = federation.createContext(new URL(origin), undefined);
  return {
    origin,
    actorUrl: (identifier: string) => `${origin}/users/${identifier}`,
    received,
    /** Sends a signed Follow of a remote actor from one of this server's users. */
    async follow(identifier: string, target: string) {
      const remote = await ctx.lookupObject(target);
      if (remote === null || !("inboxId" in remote)) throw new Error(`no actor at ${target}`);
      await ctx.sendActivity(
        { identifier },
        remote as never,
        new Follow({
          id: new URL(`${origin}/users/${identifier}/follows/${crypto.randomUUID()}`),
          actor: ctx.getActorUri(identifier),
          object: new URL(target),
        }),
        { immediate: true },
      );
    },
    /** A GET signed as one of this server's users (authorized fetch): its status and body. */
    async signedGet(identifier: string, url: string): Promise<{ status: number; json: unknown }> {
      const loader = await ctx.getDocumentLoader({ identifier });
      try {
        const { document } = await loader(url);
        return { status: 200, json: document };
      } catch (error) {
        const message = String(error).replace(/https?:\/\/\S+/g, "");
        const status = Number(/\b([45]\d\d)\b/.exec(message)?.[1] ?? 0);
        return { status, json: null };
      }
    },
    /** A user's RSA key as a signer of raw posts. */
    rsaKey: (identifier: string) => ({
      privateKey: KeyObject.from(keys[0].privateKey),
      keyId: `${origin}/users/${identifier}#main-key`,
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FediverseServer = Awaited<ReturnType<typeof startFediverseServer>>;
