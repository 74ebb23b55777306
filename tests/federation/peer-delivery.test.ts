import { createHash, createPublicKey, verify } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { createPeerRepo, deliveries, outboxActivities } from "@dynamo/federation";
import { createMemorySink, freePort, testDriver, waitFor } from "@dynamo/testing";
import { configure, reset } from "@logtape/logtape";
import { httpbis } from "http-message-signatures";
import { createVerifier } from "http-message-signatures/lib/algorithm/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActorDocument, fetchActivityJson } from "./harness.ts";
import { type NetworkNode, peerWithHub, publish, startNetworkNode } from "./network-harness.ts";

/** How the small peer answers: as a node would, only to draft-cavage signatures, or with a refusal. */
type Mode = "accept" | "accept-cavage-only" | "forbidden";

interface PeerPost {
  spec: "rfc9421" | "cavage";
  status: number;
  body: string;
  headers: IncomingMessage["headers"];
}

/** A small real server that the region counts among its active peers: it records every delivery. */
async function startPeer(address: string) {
  const port = await freePort(address);
  const origin = `http://${address}:${port}`;
  const state: { mode: Mode; posts: PeerPost[] } = { mode: "accept", posts: [] };
  const server: Server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const spec = req.headers["signature-input"] === undefined ? "cavage" : "rfc9421";
    const status =
      state.mode === "forbidden" ? 403 : state.mode === "accept-cavage-only" && spec === "rfc9421" ? 401 : 202;
    state.posts.push({ spec, status, body, headers: req.headers });
    res.writeHead(status);
    res.end();
  });
  server.listen(port, address);
  await once(server, "listening");
  return {
    state,
    origin,
    actorUrl: `${origin}/actor`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let hub: NetworkNode;
let europe: NetworkNode;
let peer: Awaited<ReturnType<typeof startPeer>>;
/** Fedify's inbox log: it says which signature it verified each activity by. */
const inboxLog = createMemorySink();

beforeAll(async () => {
  await configure({
    reset: true,
    sinks: { memory: inboxLog },
    loggers: [
      { category: ["fedify", "federation", "inbox"], lowestLevel: "debug", sinks: ["memory"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["memory"] },
    ],
  });
  hub = await startNetworkNode({ kind: "hub", slug: "hub", address: "127.0.0.64" });
  europe = await startNetworkNode({ kind: "region", slug: "europe", address: "127.0.0.65", regionCode: "EU" });
  peer = await startPeer("127.0.0.66");
  await peerWithHub(europe, hub);
  // Another node Europe peers with, as if approved by both admins.
  await createPeerRepo(europe.database.db, europe.tenant.id).upsert(
    "00000000-0000-4000-8000-000000000066",
    {
      actorId: peer.actorUrl,
      inbox: `${peer.origin}/inbox`,
      sharedInbox: null,
      origin: peer.origin,
      direction: "outgoing",
      state: "active",
      followActivityId: null,
      name: "peer",
    },
    new Date(),
  );
}, 60_000);
afterAll(async () => {
  await Promise.all([hub?.close(), europe?.close(), peer?.close()]);
  await reset();
});

/** What Fedify's inbox logged about an activity, by message. */
const inboxLogOf = (activityId: string) =>
  inboxLog.records
    .filter((r) => (r.properties.activity as { id?: string } | undefined)?.id === activityId)
    .map((r) => r.message.map(String).join(""));

/** JCS (RFC 8785) for the JSON an activity holds, written here apart from the code under test. */
function jcs(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jcs).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${jcs(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function base58btc(text: string): Buffer {
  const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  let value = 0n;
  for (const char of text) value = value * 58n + BigInt(alphabet.indexOf(char));
  return Buffer.from(value.toString(16).padStart(128, "0"), "hex");
}

/** Checks an eddsa-jcs-2022 proof (FEP-8b32) with node:crypto against an Ed25519 key in multibase. */
function proofVerifies(signed: Record<string, unknown>, publicKeyMultibase: string): boolean {
  const { proof, ...document } = signed as { proof: Record<string, string>; [key: string]: unknown };
  const { proofValue, ...options } = proof;
  const sha256 = (value: unknown) => createHash("sha256").update(jcs(value)).digest();
  const data = Buffer.concat([sha256({ ...options, "@context": document["@context"] }), sha256(document)]);
  // Multikey: "z", then 0xed 0x01 and the 32 bytes of the key; as SPKI for node:crypto.
  const raw = base58btc(publicKeyMultibase.slice(1)).subarray(-32);
  const key = createPublicKey({
    key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), raw]),
    format: "der",
    type: "spki",
  });
  return verify(null, data, key, base58btc(proofValue?.slice(1) ?? ""));
}

/** Europe's Create of an article, as one peer received it. */
const createOf = (bodies: string[], objectId: string) =>
  bodies.find((body) => body.includes(objectId) && JSON.parse(body).type === "Create");

async function deliveryStates(objectId: string): Promise<Record<string, string>> {
  const [outbox] = (await europe.database.db.select().from(outboxActivities)).filter(
    (a) => a.objectId === objectId && a.type === "Create",
  );
  const rows = (await europe.database.db.select().from(deliveries)).filter((d) => d.outboxId === outbox?.id);
  return Object.fromEntries(rows.map((d) => [d.peerActorId, d.state]));
}

/** Checks an RFC 9421 signature with http-message-signatures (not Fedify) and a public key in PEM. */
async function rfc9421Verifies(url: string, headers: Record<string, string>, publicKeyPem: string): Promise<boolean> {
  try {
    const verified = await httpbis.verifyMessage(
      {
        keyLookup: async () => ({
          algs: ["rsa-v1_5-sha256"],
          verify: createVerifier(createPublicKey(publicKeyPem), "rsa-v1_5-sha256"),
        }),
        requiredFields: ["@method", "@target-uri", "content-digest"],
      },
      { method: "POST", url, headers },
    );
    return verified === true;
  } catch {
    return false;
  }
}

describe(`delivery to trusted peers (${testDriver()})`, () => {
  it("signs an activity once for all its peers: one body, an integrity proof Fedify verifies, no Linked Data Signature", async () => {
    const article = await publish(europe, "Signed once for every peer");
    await waitFor(
      async () => Object.values(await deliveryStates(article.objectId)).every((state) => state === "delivered"),
      { what: "the article to reach the hub and the peer", timeoutMs: 20_000 },
    );
    const toHub = hub.posts.find((p) => p.body === createOf([p.body], article.objectId));
    const toPeer = createOf(
      peer.state.posts.map((p) => p.body),
      article.objectId,
    );
    if (toHub === undefined || toPeer === undefined) throw new Error("the Create was not recorded");
    expect(toPeer).toBe(toHub.body);

    const signed = JSON.parse(toHub.body) as Record<string, unknown> & { proof: Record<string, unknown> };
    expect(signed.signature).toBeUndefined();
    expect(signed.proof).toMatchObject({
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-jcs-2022",
      proofPurpose: "assertionMethod",
      verificationMethod: `${europe.actorUrl}#multikey-2`,
    });
    // The hub's Fedify took it on the strength of the proof: no need to fall back to the HTTP signature.
    expect(inboxLogOf(signed.id as string)).toContain("Object Integrity Proofs are verified.");
    expect(inboxLogOf(signed.id as string)).not.toContain("HTTP Signatures are verified.");

    // An independent check of the proof against the Ed25519 key Europe's actor document publishes.
    const { body: actor } = await fetchActivityJson<ActorDocument>(europe.actorUrl);
    const ed25519 = actor.assertionMethod.find((m) => m.id === `${europe.actorUrl}#multikey-2`);
    if (ed25519 === undefined) throw new Error("no Ed25519 key published");
    expect(proofVerifies(signed, ed25519.publicKeyMultibase)).toBe(true);
    const forged = JSON.parse(toHub.body.replace("Signed once for every peer", "Signed by someone else"));
    expect(proofVerifies(forged, ed25519.publicKeyMultibase)).toBe(false);

    // The HTTP signature is RFC 9421, and an independent library verifies it with Europe's published key.
    expect(toHub.headers["signature-input"]).toContain(`keyid="${europe.actorUrl}#main-key"`);
    expect(await rfc9421Verifies(toHub.url, toHub.headers, actor.publicKey.publicKeyPem)).toBe(true);
    expect(
      await rfc9421Verifies(toHub.url, { ...toHub.headers, host: "elsewhere" }, actor.publicKey.publicKeyPem),
    ).toBe(false);
  });

  it("still signs with Fedify, Linked Data Signature included, what goes to an actor that is not a peer", async () => {
    // Europe's peering request went to the hub before the hub was a peer.
    const follow = hub.posts.find((p) => {
      const body = JSON.parse(p.body) as { type?: string; actor?: string };
      return body.type === "Follow" && body.actor === europe.actorUrl;
    });
    if (follow === undefined) throw new Error("the Follow was not recorded");
    const body = JSON.parse(follow.body) as { signature?: { type: string; creator: string }; proof?: unknown };
    expect(body.signature).toMatchObject({ type: "RsaSignature2017", creator: `${europe.actorUrl}#main-key` });
    expect(body.proof).toMatchObject({ cryptosuite: "eddsa-jcs-2022" });
  });

  it("hands a peer that refuses the RFC 9421 signature to Fedify, which knocks again and falls back to draft-cavage", async () => {
    peer.state.posts = [];
    peer.state.mode = "accept-cavage-only";
    const article = await publish(europe, "For a peer that wants draft-cavage");
    await waitFor(async () => (await deliveryStates(article.objectId))[peer.actorUrl] === "delivered", {
      what: "the delivery through Fedify",
      timeoutMs: 20_000,
    });
    const posts = peer.state.posts.filter((p) => p.body.includes(article.objectId));
    expect(posts.map((p) => [p.spec, p.status])).toEqual([
      ["rfc9421", 401],
      ["rfc9421", 401],
      ["cavage", 202],
    ]);
    const signatureTypes = posts.map((p) => (JSON.parse(p.body) as { signature?: { type: string } }).signature?.type);
    expect(signatureTypes).toEqual([undefined, "RsaSignature2017", "RsaSignature2017"]);
    peer.state.mode = "accept";
  });

  it("records a peer's refusal (403) as refused, after a single request, and still delivers to the others", async () => {
    peer.state.posts = [];
    peer.state.mode = "forbidden";
    const article = await publish(europe, "For a peer that refuses");
    const states = await waitFor(
      async () => {
        const found = await deliveryStates(article.objectId);
        return found[peer.actorUrl] === "refused" && found[hub.actorUrl] === "delivered" ? found : undefined;
      },
      { what: "the refusal and the delivery to the hub", timeoutMs: 20_000 },
    );
    expect(Object.keys(states)).toHaveLength(2);
    expect(peer.state.posts.filter((p) => p.body.includes(article.objectId)).map((p) => p.status)).toEqual([403]);
    peer.state.mode = "accept";
  });
});
