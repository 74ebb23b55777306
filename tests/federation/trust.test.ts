import { generateKeyPairSync, type KeyObject, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { inboxRefusals, receivedActivities } from "@dynamo/federation";
import { freePort, testDriver, waitFor } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NetworkNode, peerWithHub, publicationsOf, publish, startNetworkNode } from "./network-harness.ts";
import { type PostingKey, rsaKeyOf, signedPost } from "./signed-post.ts";

let hub: NetworkNode;
let europe: NetworkNode;
let outsider: { origin: string; actorGets: number; privateKey: KeyObject; close(): Promise<void> };

/** A real server no one peered with: it publishes an actor and its public key, and counts who fetches it. */
async function startOutsider(address: string) {
  const port = await freePort(address);
  const origin = `http://${address}:${port}`;
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const state = { actorGets: 0 };
  const server: Server = createServer((req, res) => {
    if (req.url === "/actor") state.actorGets++;
    res.writeHead(200, { "content-type": "application/activity+json" });
    res.end(
      JSON.stringify({
        "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
        id: `${origin}/actor`,
        type: "Organization",
        inbox: `${origin}/inbox`,
        publicKey: {
          id: `${origin}/actor#main-key`,
          owner: `${origin}/actor`,
          publicKeyPem: publicKey.export({ type: "spki", format: "pem" }),
        },
      }),
    );
  });
  server.listen(port, address);
  await once(server, "listening");
  return {
    origin,
    get actorGets() {
      return state.actorGets;
    },
    privateKey,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Signs and posts an activity to the hub's inbox. */
const post = (activity: Record<string, unknown>, key: PostingKey, options?: Parameters<typeof signedPost>[3]) =>
  signedPost(`${hub.actorUrl}/inbox`, activity, key, options);

/** Europe's real RSA key, as its node signs with it. */
const europeKey = () => rsaKeyOf(europe);

/** A Create of an article by Europe, as its node would send it. */
function europeArticle(title: string) {
  const id = `${europe.origin}/ap/articles/${randomUUID()}`;
  return {
    id: `${europe.actorUrl}/activities/create/${randomUUID()}`,
    type: "Create",
    actor: europe.actorUrl,
    object: {
      id,
      type: "Article",
      attributedTo: europe.actorUrl,
      nameMap: { en: title },
      contentMap: { en: `<p>${title}</p>` },
      published: new Date().toISOString(),
    },
  };
}

async function refusals() {
  return (await hub.database.db.select().from(inboxRefusals)).filter((r) => r.tenantId === hub.tenant.id);
}

beforeAll(async () => {
  hub = await startNetworkNode({ kind: "hub", slug: "hub", address: "127.0.0.50" });
  europe = await startNetworkNode({ kind: "region", slug: "europe", address: "127.0.0.51", regionCode: "EU" });
  outsider = await startOutsider("127.0.0.59");
  await peerWithHub(europe, hub);
}, 60_000);
afterAll(async () => {
  await Promise.all([hub?.close(), europe?.close(), outsider?.close()]);
});

describe(`what the hub refuses (${testDriver()})`, () => {
  it("refuses a message signed by a server it does not peer with, without fetching anything from it", async () => {
    const titles = (await publicationsOf(hub)).length;
    const response = await post(
      {
        id: `${outsider.origin}/activities/1`,
        type: "Create",
        actor: `${outsider.origin}/actor`,
        object: {
          id: `${outsider.origin}/articles/1`,
          type: "Article",
          attributedTo: `${outsider.origin}/actor`,
          content: "spam",
        },
      },
      { privateKey: outsider.privateKey, keyId: `${outsider.origin}/actor#main-key` },
    );
    expect(response.status).toBe(403);
    expect(outsider.actorGets).toBe(0);
    expect((await refusals()).find((r) => r.actorId === `${outsider.origin}/actor`)).toMatchObject({
      reason: "not-a-peer",
      type: "Create",
      activityId: `${outsider.origin}/activities/1`,
    });
    expect(await publicationsOf(hub)).toHaveLength(titles);
  });

  it("refuses a peer's message whose body was changed after it was signed, and logs why", async () => {
    const activity = europeArticle("The original title");
    const response = await post(activity, await europeKey(), {
      tamper: (body) => body.replaceAll("The original title", "A forged title"),
    });
    expect(response.status).toBe(401);
    const refusal = await waitFor(async () => (await refusals()).find((r) => r.activityId === activity.id), {
      what: "the refusal to be recorded",
    });
    expect(refusal).toMatchObject({ reason: "signature-invalid", actorId: europe.actorUrl });
    expect((await publicationsOf(hub)).some((p) => p.objectId === activity.object.id)).toBe(false);
  });

  it("refuses an activity signed outside the time window, applies it once when fresh, and ignores its replay", async () => {
    const key = await europeKey();
    const activity = europeArticle("Signed long ago");
    const stale = await post(activity, key, { created: new Date(Date.now() - 2 * 3_600_000) });
    expect(stale.status).toBe(401);
    expect((await publicationsOf(hub)).some((p) => p.objectId === activity.object.id)).toBe(false);

    const fresh = await post(activity, key);
    expect(fresh.status).toBe(202);
    await waitFor(async () => (await publicationsOf(hub)).some((p) => p.objectId === activity.object.id), {
      what: "the fresh copy to apply",
      timeoutMs: 20_000,
    });
    // The same activity again, freshly signed: already applied, refused and logged, not applied twice.
    const replay = await post(activity, key);
    expect(replay.status).toBe(202);
    const applied = (await hub.database.db.select().from(receivedActivities)).filter(
      (r) => r.activityId === activity.id,
    );
    expect(applied).toHaveLength(1);
    expect((await refusals()).filter((r) => r.activityId === activity.id).map((r) => r.reason)).toEqual(
      expect.arrayContaining(["signature-invalid", "already-applied"]),
    );
    expect((await publicationsOf(hub)).filter((p) => p.objectId === activity.object.id)).toHaveLength(1);
  });

  it("replays a genuine delivery captured on the wire: answered, recorded as a replay, applied once", async () => {
    const article = await publish(europe, "Captured on the wire");
    await waitFor(async () => (await publicationsOf(hub)).some((p) => p.objectId === article.objectId), {
      what: "the hub to receive the article",
      timeoutMs: 20_000,
    });
    const captured = hub.posts.find((p) => p.body.includes(article.objectId) && p.body.includes('"Create"'));
    if (captured === undefined) throw new Error("the delivery was not captured");
    const { "content-length": _length, connection: _connection, ...headers } = captured.headers;
    const replayed = await fetch(captured.url, { method: "POST", headers, body: captured.body });
    expect(replayed.status).toBe(202);
    const id = (JSON.parse(captured.body) as { id: string }).id;
    expect((await hub.database.db.select().from(receivedActivities)).filter((r) => r.activityId === id)).toHaveLength(
      1,
    );
    expect((await refusals()).some((r) => r.activityId === id && r.reason === "already-applied")).toBe(true);
  });

  it("refuses a peer speaking for an object of another origin", async () => {
    const hubArticle = await publish(hub, "The hub's own statement", "statement");
    const key = await europeKey();
    const update = {
      id: `${europe.actorUrl}/activities/update/${randomUUID()}`,
      type: "Update",
      actor: europe.actorUrl,
      object: {
        id: hubArticle.objectId,
        type: "Article",
        attributedTo: europe.actorUrl,
        contentMap: { en: "<p>Hijacked</p>" },
      },
    };
    expect((await post(update, key)).status).toBe(403);
    const remove = {
      id: `${europe.actorUrl}/activities/delete/${randomUUID()}`,
      type: "Delete",
      actor: europe.actorUrl,
      object: hubArticle.objectId,
    };
    expect((await post(remove, key)).status).toBe(403);
    const reasons = (await refusals())
      .filter((r) => r.activityId === update.id || r.activityId === remove.id)
      .map((r) => r.reason);
    expect(reasons).toEqual(["object-origin-mismatch", "object-origin-mismatch"]);
    const kept = (await publicationsOf(hub)).find((p) => p.objectId === hubArticle.objectId);
    expect(kept?.bodies.en).toBe("Body of The hub's own statement.");
  });

  it("lists the refusals on the delivery-status API for the hub's admin", async () => {
    const response = await hub.api("GET", "/api/delivery-status");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { refusals: { reason: string }[] };
    expect(body.refusals.map((r) => r.reason)).toEqual(
      expect.arrayContaining(["not-a-peer", "signature-invalid", "already-applied", "object-origin-mismatch"]),
    );
  });
});
