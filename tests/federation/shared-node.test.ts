import { createPublicKey } from "node:crypto";
import { createActorKeyRepo, type Follower, rotateActorKeys, sendFollow } from "@dynamo/federation";
import { testDriver, waitFor } from "@dynamo/testing";
import { httpbis } from "http-message-signatures";
import { createVerifier } from "http-message-signatures/lib/algorithm/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActorDocument, fetchActivityJson, type RecordedRequest, startNode, type TestNode } from "./harness.ts";

let hub: TestNode;
let shared: TestNode;
/** Whom the shared node's actors deliver "followers" activities to: the hub, once it follows. */
const followers: Follower[] = [];

beforeAll(async () => {
  hub = await startNode({ kind: "hub", tenants: [{ slug: "hub", address: "127.0.0.6" }] });
  // One node process, one database, two regions on two hosts.
  shared = await startNode({
    kind: "region",
    tenants: [
      { slug: "africa", address: "127.0.0.4", regionCode: "AF" },
      { slug: "asia", address: "127.0.0.5", regionCode: "AS" },
    ],
    listFollowers: async (tenant) => (tenant.slug === "africa" ? followers : []),
  });
});
afterAll(async () => {
  await shared?.stop();
  await hub?.stop();
});

async function rsaKeyOf(node: TestNode, slug: string): Promise<string> {
  const { body } = await fetchActivityJson<ActorDocument>(node.actorUrl(slug));
  return body.publicKey.publicKeyPem;
}

function signedPost(actorUrl: string, type: string): RecordedRequest {
  const request = hub.requests.find((r) => {
    const body = JSON.parse(r.body) as { type?: string; actor?: string };
    return body.type === type && body.actor === actorUrl && r.headers["signature-input"] !== undefined;
  });
  if (request === undefined) throw new Error(`no signed ${type} from ${actorUrl} was recorded`);
  return request;
}

/** http-message-signatures (not Fedify) checks the RFC 9421 signature against a PEM key. */
async function verifies(request: RecordedRequest, pem: string): Promise<boolean> {
  const verify = createVerifier(createPublicKey(pem), "rsa-v1_5-sha256");
  try {
    const ok = await httpbis.verifyMessage(
      { keyLookup: async () => ({ algs: ["rsa-v1_5-sha256"], verify }) },
      { method: request.method, url: request.url, headers: request.headers },
    );
    return ok === true;
  } catch {
    return false;
  }
}

describe(`two regions on one node process (${testDriver()})`, () => {
  it("serves each region's actor on its own host only, each with its own keys", async () => {
    const africaKey = await rsaKeyOf(shared, "africa");
    const asiaKey = await rsaKeyOf(shared, "asia");
    expect(africaKey).not.toBe(asiaKey);
    expect((await fetchActivityJson(`${shared.origin("asia")}/ap/actors/africa`)).status).toBe(404);
    expect((await fetchActivityJson(`${shared.origin("africa")}/ap/actors/asia`)).status).toBe(404);
  });

  it("signs each region's Follow with that region's key, and the hub verifies both", async () => {
    for (const slug of ["africa", "asia"]) {
      const sent = await sendFollow(shared.federation, shared.tenant(slug), slug, new URL(hub.actorUrl("hub")));
      expect(sent.ok).toBe(true);
    }
    await waitFor(() => hub.received.filter((a) => a.type === "Follow").length === 2, {
      what: "both Follows at the hub",
      timeoutMs: 20_000,
    });
    expect(hub.received.map((a) => a.actorId).sort()).toEqual([shared.actorUrl("africa"), shared.actorUrl("asia")]);

    const fromAfrica = signedPost(shared.actorUrl("africa"), "Follow");
    const fromAsia = signedPost(shared.actorUrl("asia"), "Follow");
    expect(fromAfrica.headers["signature-input"]).toContain(`keyid="${shared.actorUrl("africa")}#main-key"`);
    expect(fromAsia.headers["signature-input"]).toContain(`keyid="${shared.actorUrl("asia")}#main-key"`);
    const africaKey = await rsaKeyOf(shared, "africa");
    const asiaKey = await rsaKeyOf(shared, "asia");
    expect(await verifies(fromAfrica, africaKey)).toBe(true);
    expect(await verifies(fromAfrica, asiaKey)).toBe(false);
    expect(await verifies(fromAsia, asiaKey)).toBe(true);
    expect(await verifies(fromAsia, africaKey)).toBe(false);
  });

  it("rotates a region's keys and announces them to its followers, signed with the new key", async () => {
    const hubActor = (await fetchActivityJson<ActorDocument>(hub.actorUrl("hub"))).body;
    followers.push({ actorId: new URL(hubActor.id), inboxId: new URL(hubActor.inbox) });
    const oldKey = await rsaKeyOf(shared, "africa");
    const asiaKey = await rsaKeyOf(shared, "asia");

    const rotated = await rotateActorKeys(shared.federation, shared.tenant("africa"), "africa");
    expect(rotated.ok).toBe(true);
    const newKey = await rsaKeyOf(shared, "africa");
    expect(newKey).not.toBe(oldKey);
    expect(await rsaKeyOf(shared, "asia")).toBe(asiaKey);

    // The hub had cached the old key (from the Follow); it fetches the new one and accepts the Update.
    const update = await waitFor(
      () => hub.received.find((a) => a.type === "Update" && a.actorId === shared.actorUrl("africa")),
      { what: "the Update at the hub", timeoutMs: 20_000 },
    );
    expect(update.objectIds).toEqual([shared.actorUrl("africa")]);
    const request = signedPost(shared.actorUrl("africa"), "Update");
    expect(await verifies(request, newKey)).toBe(true);
    expect(await verifies(request, oldKey)).toBe(false);

    const keys = await createActorKeyRepo(shared.database.db).listAll(shared.tenant("africa").id, "africa");
    expect(keys.map((k) => [k.kind, k.retiredAt === null]).sort()).toEqual([
      ["ed25519", false],
      ["ed25519", true],
      ["rsa", false],
      ["rsa", true],
    ]);
    // Private keys are stored sealed, never as a JWK.
    expect(keys.every((k) => k.sealedPrivateKey.startsWith("v1.") && !k.sealedPrivateKey.includes('"d"'))).toBe(true);
  });
});
