import { outboxActivities, receivedActivities } from "@dynamo/federation";
import { testDriver, waitFor } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type NetworkNode,
  peerState,
  peerWithHub,
  publicationsOf,
  publish,
  startNetworkNode,
} from "./network-harness.ts";

let hub: NetworkNode;
let europe: NetworkNode;
let americas: NetworkNode;
let asia: NetworkNode;

beforeAll(async () => {
  hub = await startNetworkNode({ kind: "hub", slug: "hub", address: "127.0.0.30" });
  europe = await startNetworkNode({ kind: "region", slug: "europe", address: "127.0.0.31", regionCode: "EU" });
  americas = await startNetworkNode({ kind: "region", slug: "americas", address: "127.0.0.32", regionCode: "AM" });
  asia = await startNetworkNode({ kind: "region", slug: "asia", address: "127.0.0.33", regionCode: "AS" });
  for (const region of [europe, americas, asia]) await peerWithHub(region, hub);
  // The regions peer with each other from the hub's roster.
  await waitFor(
    async () => {
      for (const a of [europe, americas, asia])
        for (const b of [europe, americas, asia])
          if (a !== b && (await peerState(a, b.actorUrl)) !== "active") return false;
      return true;
    },
    { what: "the regions to peer with each other", timeoutMs: 45_000 },
  );
}, 120_000);
afterAll(async () => {
  await Promise.all([hub, europe, americas, asia].map((n) => n?.close()));
});

/** How many times a node applied an activity (its received_activities rows). */
async function appliedCount(node: NetworkNode, activityIdPrefix: string): Promise<number> {
  const rows = (await node.database.db.select().from(receivedActivities)).filter((r) => r.tenantId === node.tenant.id);
  return rows.filter((r) => r.activityId.startsWith(activityIdPrefix)).length;
}

describe(`publications across the network (${testDriver()})`, () => {
  it("delivers a region's article to the hub and the other regions, each applying it exactly once", async () => {
    const article = await publish(europe, "Street work in winter");
    expect(article).toMatchObject({ local: true, kind: "news", titles: { en: "Street work in winter" } });
    for (const node of [hub, americas, asia]) {
      const found = await waitFor(
        async () => (await publicationsOf(node)).find((p) => p.objectId === article.objectId),
        { what: `${node.spec.slug} to receive the article`, timeoutMs: 20_000 },
      );
      expect(found).toMatchObject({
        local: false,
        author: europe.actorUrl,
        titles: { en: "Street work in winter", fr: "Street work in winter (fr)" },
        bodies: { en: "Body of Street work in winter.", fr: "Texte de Street work in winter." },
      });
    }
    // Each peer got one Create, applied once; the sender shows every delivery as delivered.
    const creates = (await europe.database.db.select().from(outboxActivities)).filter((a) => a.type === "Create");
    const create = creates.find((c) => c.objectId === article.objectId);
    expect(create).toBeDefined();
    for (const node of [hub, americas, asia]) expect(await appliedCount(node, create?.activityId ?? "-")).toBe(1);
    const status = await waitFor(
      async () => {
        const response = await europe.api("GET", "/api/delivery-status");
        const body = (await response.json()) as { deliveries: { activityId: string; state: string; peer: string }[] };
        const mine = body.deliveries.filter((d) => d.activityId === create?.activityId);
        return mine.length === 3 && mine.every((d) => d.state === "delivered") ? mine : undefined;
      },
      { what: "every delivery to show as delivered", timeoutMs: 10_000 },
    );
    expect(status.map((d) => d.peer).sort()).toEqual([americas.actorUrl, asia.actorUrl, hub.actorUrl].sort());
  });

  it("sends an Update and a Delete: peers show the new version, then no longer show it", async () => {
    const article = await publish(hub, "Call for the 2026 IPG", "statement");
    await waitFor(async () => (await publicationsOf(asia)).some((p) => p.objectId === article.objectId), {
      what: "Asia to receive the hub's statement",
      timeoutMs: 20_000,
    });
    const changed = await hub.api("PUT", `/api/publications/${article.id}`, {
      kind: "statement",
      titles: { en: "Call for the 2026 IPG (revised)", es: "Convocatoria del GPI 2026" },
      bodies: { en: "Revised text.", es: "Texto revisado." },
    });
    expect(changed.status).toBe(200);
    const revised = await waitFor(
      async () =>
        (await publicationsOf(asia)).find((p) => p.objectId === article.objectId && p.titles.es !== undefined),
      { what: "Asia to receive the Update", timeoutMs: 20_000 },
    );
    expect(revised).toMatchObject({
      kind: "statement",
      titles: { en: "Call for the 2026 IPG (revised)" },
      bodies: { es: "Texto revisado." },
    });
    expect(revised.titles.fr).toBeUndefined();

    expect((await hub.api("DELETE", `/api/publications/${article.id}`)).status).toBe(204);
    await waitFor(async () => !(await publicationsOf(americas)).some((p) => p.objectId === article.objectId), {
      what: "Americas to apply the Delete",
      timeoutMs: 20_000,
    });
    expect((await publicationsOf(hub)).some((p) => p.objectId === article.objectId)).toBe(false);
  });

  it("shows a public page per article, and serves it to any fediverse reader as an Article and in the outbox", async () => {
    const article = await publish(americas, "Meeting in Bogotá");
    const page = await fetch(`${americas.origin}/publications/${article.id}`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Meeting in Bogotá");
    expect(html).toContain("Body of Meeting in Bogotá.");

    const object = await fetch(article.objectId, { headers: { accept: "application/activity+json" } });
    expect(object.status).toBe(200);
    const json = (await object.json()) as Record<string, unknown>;
    expect(json).toMatchObject({
      id: article.objectId,
      type: "Article",
      attributedTo: americas.actorUrl,
      nameMap: { en: "Meeting in Bogotá", fr: "Meeting in Bogotá (fr)" },
      to: "as:Public",
    });

    const actor = (await (
      await fetch(americas.actorUrl, { headers: { accept: "application/activity+json" } })
    ).json()) as { outbox: string };
    expect(actor.outbox).toBe(`${americas.actorUrl}/outbox`);
    const outbox = (await (await fetch(actor.outbox, { headers: { accept: "application/activity+json" } })).json()) as {
      first: string;
      totalItems: number;
    };
    expect(outbox.totalItems).toBeGreaterThanOrEqual(1);
    const first = (await (await fetch(outbox.first, { headers: { accept: "application/activity+json" } })).json()) as {
      orderedItems: { type: string; object: { id?: string } }[];
    };
    expect(first.orderedItems[0]).toMatchObject({ type: "Create", object: { id: article.objectId } });
  });

  it("refuses an invalid publication with a field error per language and sends nothing", async () => {
    const before = (await europe.database.db.select().from(outboxActivities)).length;
    const response = await europe.api("POST", "/api/publications", {
      kind: "news",
      titles: { fr: "Sans texte" },
      bodies: {},
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { field: string; code: string }[] };
    expect(problem.errors).toEqual([expect.objectContaining({ field: "bodies.fr", code: "body-missing" })]);
    expect((await europe.database.db.select().from(outboxActivities)).length).toBe(before);
    const anonymous = await fetch(`${europe.origin}/api/publications`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "news", titles: { en: "x" }, bodies: { en: "y" } }),
    });
    expect(anonymous.status).toBe(401);
  });
});
