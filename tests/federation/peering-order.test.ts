import { randomUUID } from "node:crypto";
import { inboxRefusals } from "@dynamo/federation";
import { testDriver, waitFor } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NetworkNode, peerState, publicationsOf, startNetworkNode } from "./network-harness.ts";
import { rsaKeyOf, signedPost } from "./signed-post.ts";

let hub: NetworkNode;
let europe: NetworkNode;

beforeAll(async () => {
  hub = await startNetworkNode({ kind: "hub", slug: "hub", address: "127.0.0.24" });
  europe = await startNetworkNode({ kind: "region", slug: "europe", address: "127.0.0.25", regionCode: "EU" });
}, 60_000);
afterAll(async () => {
  await Promise.all([hub?.close(), europe?.close()]);
});

/** An article of the hub's, as its node would send it. */
function hubArticle(title: string) {
  return {
    id: `${hub.actorUrl}/activities/create/${randomUUID()}`,
    type: "Create",
    actor: hub.actorUrl,
    object: {
      id: `${hub.origin}/ap/articles/${randomUUID()}`,
      type: "Article",
      attributedTo: hub.actorUrl,
      nameMap: { en: title },
      contentMap: { en: `<p>${title}</p>` },
      published: new Date().toISOString(),
    },
  };
}

describe(`what a region receives before the hub's Accept (${testDriver()})`, () => {
  it("asks the hub to send again, keeps no refusal, and applies the message once the Accept is in", async () => {
    const asked = await europe.api("POST", "/api/peers", { actor: hub.actorUrl });
    expect(asked.status).toBe(202);
    await waitFor(async () => (await peerState(hub, europe.actorUrl)) === "requested", {
      what: "the hub to record the request",
      timeoutMs: 20_000,
    });

    // The hub's message overtakes its Accept: Europe asked, but has not heard back yet.
    const article = hubArticle("News from the hub");
    const key = await rsaKeyOf(hub);
    const early = await signedPost(`${europe.actorUrl}/inbox`, article, key);
    expect(early.status).toBe(503);
    expect(early.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(early.headers.get("content-type")).toBe("application/problem+json");
    expect(await early.json()).toMatchObject({ status: 503, reason: "peering-pending" });
    const refusals = (await europe.database.db.select().from(inboxRefusals)).filter((r) => r.activityId === article.id);
    expect(refusals).toEqual([]);
    expect((await publicationsOf(europe)).some((p) => p.objectId === article.object.id)).toBe(false);

    const approved = await hub.api("POST", "/api/peers/decision", { actor: europe.actorUrl, decision: "approve" });
    expect(approved.status).toBe(200);
    await waitFor(async () => (await peerState(europe, hub.actorUrl)) === "active", {
      what: "Europe to see the hub's Accept",
      timeoutMs: 20_000,
    });
    const again = await signedPost(`${europe.actorUrl}/inbox`, article, key);
    expect(again.status).toBeLessThan(300);
    await waitFor(async () => (await publicationsOf(europe)).some((p) => p.objectId === article.object.id), {
      what: "Europe to apply the article",
      timeoutMs: 20_000,
    });
  });

  it("still refuses, for good, a node it never asked", async () => {
    const stranger = await startNetworkNode({ kind: "region", slug: "asia", address: "127.0.0.26", regionCode: "AS" });
    try {
      const activity = {
        ...hubArticle("Not from the hub"),
        actor: stranger.actorUrl,
        id: `${stranger.actorUrl}/activities/create/${randomUUID()}`,
      };
      activity.object = {
        ...activity.object,
        id: `${stranger.origin}/ap/articles/${randomUUID()}`,
        attributedTo: stranger.actorUrl,
      };
      const response = await signedPost(`${europe.actorUrl}/inbox`, activity, await rsaKeyOf(stranger));
      expect(response.status).toBe(403);
      const refusals = (await europe.database.db.select().from(inboxRefusals)).filter(
        (r) => r.activityId === activity.id,
      );
      expect(refusals.map((r) => r.reason)).toEqual(["not-a-peer"]);
    } finally {
      await stranger.close();
    }
  });
});
