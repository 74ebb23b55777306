import { createHash, createPublicKey, generateKeyPairSync } from "node:crypto";
import { sendFollow } from "@dynamo/federation";
import { testDriver, waitFor } from "@dynamo/testing";
import { httpbis } from "http-message-signatures";
import { createSigner, createVerifier } from "http-message-signatures/lib/algorithm/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActorDocument, fetchActivityJson, type RecordedRequest, startNode, type TestNode } from "./harness.ts";

let hub: TestNode;
let europe: TestNode;

beforeAll(async () => {
  hub = await startNode({ kind: "hub", tenants: [{ slug: "hub", address: "127.0.0.3" }] });
  europe = await startNode({ kind: "region", tenants: [{ slug: "europe", address: "127.0.0.2", regionCode: "EU" }] });
});
afterAll(async () => {
  await europe?.stop();
  await hub?.stop();
});

/** The recorded headers minus those that describe the connection or the body's length. */
function replayHeaders(request: RecordedRequest): Record<string, string> {
  const { "content-length": _length, connection: _connection, ...headers } = request.headers;
  return headers;
}

/** The project's signed POST of an activity of this type from this actor, as the hub received it. */
function signedRequestFrom(node: TestNode, actorUrl: string, type: string): RecordedRequest | undefined {
  return node.requests.find((r) => {
    const body = JSON.parse(r.body) as { type?: string; actor?: string };
    return body.type === type && body.actor === actorUrl && r.headers["signature-input"] !== undefined;
  });
}

/** Checks an RFC 9421 signature with http-message-signatures (not Fedify) and a public key in PEM. */
async function verifiedByThirdParty(request: RecordedRequest, publicKeyPem: string): Promise<boolean> {
  const key = createPublicKey(publicKeyPem);
  try {
    const result = await httpbis.verifyMessage(
      {
        keyLookup: async () => ({ algs: ["rsa-v1_5-sha256"], verify: createVerifier(key, "rsa-v1_5-sha256") }),
        requiredFields: ["@method", "@target-uri", "content-digest"],
      },
      { method: request.method, url: request.url, headers: request.headers },
    );
    return result === true;
  } catch {
    return false;
  }
}

describe(`a region and the hub over real HTTP (${testDriver()})`, () => {
  it("publishes each tenant's Organization actor with its own RSA and Ed25519 keys", async () => {
    const { status, body: actor } = await fetchActivityJson<ActorDocument>(europe.actorUrl("europe"));
    expect(status).toBe(200);
    expect(actor).toMatchObject({
      id: europe.actorUrl("europe"),
      type: "Organization",
      preferredUsername: "europe",
      name: "europe (test)",
      inbox: `${europe.actorUrl("europe")}/inbox`,
      followers: `${europe.actorUrl("europe")}/followers`,
      endpoints: { sharedInbox: `${europe.origin("europe")}/ap/inbox` },
    });
    expect(actor.publicKey).toMatchObject({ id: `${europe.actorUrl("europe")}#main-key`, owner: actor.id });
    expect(createPublicKey(actor.publicKey.publicKeyPem).asymmetricKeyType).toBe("rsa");
    expect(actor.assertionMethod.map((m) => [m.type, m.publicKeyMultibase.slice(0, 4)])).toContainEqual([
      "Multikey",
      "z6Mk", // an Ed25519 public key in multibase
    ]);

    const hubActor = await fetchActivityJson<ActorDocument>(hub.actorUrl("hub"));
    expect(hubActor.body.type).toBe("Organization");
    expect(hubActor.body.publicKey.publicKeyPem).not.toBe(actor.publicKey.publicKeyPem);
  });

  it("answers WebFinger and NodeInfo for the tenant of the Host", async () => {
    const host = new URL(europe.origin("europe")).host;
    const finger = await fetch(`${europe.origin("europe")}/.well-known/webfinger?resource=acct:europe@${host}`);
    expect(finger.status).toBe(200);
    const jrd = (await finger.json()) as { subject: string; links: { rel: string; href?: string }[] };
    expect(jrd.subject).toBe(`acct:europe@${host}`);
    expect(jrd.links.find((l) => l.rel === "self")?.href).toBe(europe.actorUrl("europe"));

    const links = (await (await fetch(`${hub.origin("hub")}/.well-known/nodeinfo`)).json()) as {
      links: { href: string }[];
    };
    const nodeInfoUrl = links.links[0]?.href ?? "";
    expect(nodeInfoUrl).toBe(`${hub.origin("hub")}/nodeinfo/2.1`);
    const nodeInfo = (await (await fetch(nodeInfoUrl)).json()) as Record<string, unknown>;
    expect(nodeInfo).toMatchObject({
      software: { name: "dynamo-network" },
      protocols: ["activitypub"],
      metadata: { tenant: "hub", tenantKind: "hub" },
    });
  });

  it("leaves what Fedify does not serve to the node's own routes", async () => {
    // A browser asking for the actor gets the node's page (here its 404), not Fedify's 406.
    const page = await fetch(europe.actorUrl("europe"), { headers: { accept: "text/html" } });
    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toContain("text/html");
    const health = await fetch(`${europe.origin("europe")}/healthz`);
    expect(health.status).toBe(200);
  });

  it("serves no actor a tenant does not have, nor another tenant's", async () => {
    expect((await fetchActivityJson(`${europe.origin("europe")}/ap/actors/nobody`)).status).toBe(404);
    expect((await fetchActivityJson(`${europe.origin("europe")}/ap/actors/hub`)).status).toBe(404);
    const unknownAcct = await fetch(
      `${hub.origin("hub")}/.well-known/webfinger?resource=acct:europe@${new URL(hub.origin("hub")).host}`,
    );
    expect(unknownAcct.status).toBe(404);
  });

  it("delivers the region's signed Follow to the hub, which verifies it and hands it on", async () => {
    const sent = await sendFollow(europe.federation, europe.tenant("europe"), "europe", new URL(hub.actorUrl("hub")));
    expect(sent.ok).toBe(true);
    const follow = await waitFor(
      () => hub.received.find((a) => a.type === "Follow" && a.actorId === europe.actorUrl("europe")),
      { what: "the hub to accept the Follow", timeoutMs: 20_000 },
    );
    expect(follow).toMatchObject({
      recipient: "hub",
      objectIds: [hub.actorUrl("hub")],
      id: sent.ok ? sent.value.activityId.href : "",
    });
    expect(follow.tenant.slug).toBe("hub");

    const request = signedRequestFrom(hub, europe.actorUrl("europe"), "Follow");
    expect(request?.headers["signature-input"]).toContain(`keyid="${europe.actorUrl("europe")}#main-key"`);
    expect(request?.headers["content-type"]).toBe("application/activity+json");
  });

  it("lets an independent library (http-message-signatures) verify the region's RFC 9421 signature", async () => {
    const request = signedRequestFrom(hub, europe.actorUrl("europe"), "Follow");
    if (request === undefined) throw new Error("the Follow was not recorded");
    const { body: actor } = await fetchActivityJson<ActorDocument>(europe.actorUrl("europe"));
    expect(await verifiedByThirdParty(request, actor.publicKey.publicKeyPem)).toBe(true);
    // The signed Content-Digest is the body's own digest, computed here without Fedify either.
    const digest = createHash("sha256").update(request.body).digest("base64");
    expect(request.headers["content-digest"]).toBe(`sha-256=:${digest}:`);

    // Another key (the hub's) does not verify it; an altered method does not verify with the right key.
    const { body: hubActor } = await fetchActivityJson<ActorDocument>(hub.actorUrl("hub"));
    expect(await verifiedByThirdParty(request, hubActor.publicKey.publicKeyPem)).toBe(false);
    expect(await verifiedByThirdParty({ ...request, method: "PUT" }, actor.publicKey.publicKeyPem)).toBe(false);
  });

  it("refuses the same signed request with a tampered body, and accepts it untouched", async () => {
    const request = signedRequestFrom(hub, europe.actorUrl("europe"), "Follow");
    if (request === undefined) throw new Error("the Follow was not recorded");
    const accepted = hub.received.length;
    const tampered = request.body.replace(hub.actorUrl("hub"), `${hub.origin("hub")}/ap/actors/someone-else`);
    expect(tampered).not.toBe(request.body);
    const refused = await fetch(request.url, { method: "POST", headers: replayHeaders(request), body: tampered });
    expect(refused.status).toBe(401);

    const replayed = await fetch(request.url, { method: "POST", headers: replayHeaders(request), body: request.body });
    expect(replayed.status).toBe(202); // the signature is fine; the activity was already processed
    expect(hub.received).toHaveLength(accepted);
  });

  it("refuses activities signed with a key no actor publishes, or claiming an actor's key id", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const inbox = `${hub.actorUrl("hub")}/inbox`;
    const post = async (actor: string, keyId: string) => {
      const body = JSON.stringify({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${actor}/activities/forged-${keyId.length}`,
        type: "Follow",
        actor,
        object: hub.actorUrl("hub"),
      });
      const signed = await httpbis.signMessage(
        {
          key: createSigner(privateKey, "rsa-v1_5-sha256", keyId),
          fields: ["@method", "@target-uri", "content-digest"],
        },
        {
          method: "POST",
          url: inbox,
          headers: {
            "content-type": "application/activity+json",
            "content-digest": `sha-256=:${createHash("sha256").update(body).digest("base64")}:`,
          },
        },
      );
      return fetch(inbox, { method: "POST", headers: signed.headers as Record<string, string>, body });
    };
    const intruder = `${europe.origin("europe")}/ap/actors/intruder`;
    expect((await post(intruder, `${intruder}#main-key`)).status).toBe(401);
    // A real actor's key id, but a key of the intruder's making: the signature does not match.
    expect((await post(europe.actorUrl("europe"), `${europe.actorUrl("europe")}#main-key`)).status).toBe(401);
    expect(hub.received.filter((a) => a.id?.includes("/activities/forged-"))).toEqual([]);
  });
});
