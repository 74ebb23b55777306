import { createHash } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { createFederation, fedifyQueue, sendFollow } from "@dynamo/federation";
import { freePort, testDriver, waitFor } from "@dynamo/testing";
import httpSignature from "http-signature";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ActorDocument, fetchActivityJson, startNode, type TestNode } from "./harness.ts";

/** How the peer answers deliveries. */
type Mode = "accept-cavage-only" | "forbidden" | "unavailable" | "accept";

interface PeerPost {
  spec: "rfc9421" | "cavage";
  status: number;
  body: string;
  headers: IncomingMessage["headers"];
  /** Joyent's http-signature (the reference cavage implementation) on the raw request, when cavage. */
  cavage: ReturnType<typeof httpSignature.parseRequest> | undefined;
}

/**
 * A small real ActivityPub peer that misbehaves on demand: it publishes an actor and answers
 * its inbox with whatever the test asks for, recording each delivery as it came.
 */
async function startPeer(address: string) {
  const port = await freePort(address);
  const origin = `http://${address}:${port}`;
  const state: { mode: Mode; posts: PeerPost[] } = { mode: "accept", posts: [] };
  const server: Server = createServer(async (req, res) => {
    if (req.method === "GET" && req.url === "/actor") {
      res.writeHead(200, { "content-type": "application/activity+json" });
      res.end(
        JSON.stringify({
          "@context": "https://www.w3.org/ns/activitystreams",
          id: `${origin}/actor`,
          type: "Service",
          preferredUsername: "peer",
          inbox: `${origin}/inbox`,
        }),
      );
      return;
    }
    let body = "";
    for await (const chunk of req) body += chunk;
    const spec = req.headers["signature-input"] === undefined ? "cavage" : "rfc9421";
    const status =
      state.mode === "forbidden"
        ? 403
        : state.mode === "unavailable"
          ? 503
          : state.mode === "accept-cavage-only" && spec === "rfc9421"
            ? 401
            : 202;
    state.posts.push({
      spec,
      status,
      body,
      headers: req.headers,
      cavage: spec === "cavage" ? httpSignature.parseRequest(req) : undefined,
    });
    res.writeHead(status);
    res.end();
  });
  server.listen(port, address);
  await once(server, "listening");
  return {
    state,
    actorUrl: new URL(`${origin}/actor`),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let region: TestNode;
let peer: Awaited<ReturnType<typeof startPeer>>;

beforeAll(async () => {
  peer = await startPeer("127.0.0.8");
  region = await startNode({
    kind: "region",
    tenants: [{ slug: "americas", address: "127.0.0.7", regionCode: "AM" }],
    retry: { initialDelayMs: 300, maxDelayMs: 600 },
  });
});
beforeEach(() => {
  peer.state.posts = [];
});
afterAll(async () => {
  await region?.stop();
  await peer?.close();
});

const queuedRows = () => region.database.db.select().from(fedifyQueue);

async function follow() {
  const sent = await sendFollow(region.federation, region.tenant("americas"), "americas", peer.actorUrl);
  expect(sent.ok).toBe(true);
}

describe(`delivery to a misbehaving peer (${testDriver()})`, () => {
  it("does not fetch private addresses without the test switch, and the switch is refused in production", async () => {
    const common = {
      db: region.database.db,
      nodeSecret: "a-node-secret-of-at-least-thirty-two-characters",
      kind: "region" as const,
      publicUrl: region.origin("americas"),
    };
    const guarded = createFederation({ ...common, environment: "test" });
    const sent = await sendFollow(guarded, region.tenant("americas"), "americas", peer.actorUrl);
    expect(sent).toEqual({ ok: false, error: { kind: "remote-actor-not-found", target: peer.actorUrl.href } });
    expect(peer.state.posts).toEqual([]);
    expect(() => createFederation({ ...common, environment: "production", allowPrivateAddress: true })).toThrow(
      /refused when NODE_ENV=production/,
    );
  });

  it("falls back to a draft-cavage signature, which Joyent's reference library verifies", async () => {
    peer.state.mode = "accept-cavage-only";
    await follow();
    const post = await waitFor(() => peer.state.posts.find((p) => p.spec === "cavage" && p.status === 202), {
      what: "a cavage-signed delivery",
      timeoutMs: 20_000,
    });
    expect(peer.state.posts.map((p) => p.spec)).toEqual(["rfc9421", "cavage"]);
    const { body: actor } = await fetchActivityJson<ActorDocument>(region.actorUrl("americas"));
    if (post.cavage === undefined) throw new Error("not parsed");
    expect(post.cavage.keyId).toBe(`${region.actorUrl("americas")}#main-key`);
    expect(post.cavage.params.headers).toEqual(expect.arrayContaining(["(request-target)", "host", "date", "digest"]));
    expect(httpSignature.verifySignature(post.cavage, actor.publicKey.publicKeyPem)).toBe(true);
    expect(post.headers.digest).toBe(`SHA-256=${createHash("sha256").update(post.body).digest("base64")}`);
    await waitFor(async () => (await queuedRows()).length === 0, { what: "the delivered message to leave the queue" });
  });

  it("gives up at once when the peer refuses with a 4xx such as 403", async () => {
    peer.state.mode = "forbidden";
    await follow();
    // One attempt (both signature specs tried), then nothing left to retry.
    await waitFor(async () => peer.state.posts.length >= 1 && (await queuedRows()).length === 0, {
      what: "the delivery to be dropped",
      timeoutMs: 20_000,
    });
    expect(peer.state.posts.map((p) => p.status)).toEqual([403, 403]);
  });

  it("keeps retrying while the peer is unavailable, and delivers once it is back", async () => {
    peer.state.mode = "unavailable";
    await follow();
    await waitFor(() => peer.state.posts.filter((p) => p.status === 503).length >= 4, {
      what: "a second attempt after the first failed",
      timeoutMs: 20_000,
    });
    // Still queued, not dropped: one message waits for its next try. (While an attempt is in
    // flight, its retry is enqueued before the claimed row is deleted, so two rows can show for
    // a moment.)
    await waitFor(async () => (await queuedRows()).length === 1, {
      what: "the message to wait in the queue for its next try",
      timeoutMs: 20_000,
    });
    expect(peer.state.posts.some((p) => p.status === 202)).toBe(false);
    peer.state.mode = "accept";
    await waitFor(async () => peer.state.posts.some((p) => p.status === 202) && (await queuedRows()).length === 0, {
      what: "the delivery after the peer came back",
      timeoutMs: 20_000,
    });
  });
});
