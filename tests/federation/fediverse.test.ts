import { deliveries, inboxRefusals, outboxActivities, peers } from "@dynamo/federation";
import { testDriver, waitFor } from "@dynamo/testing";
import { preloadedContexts } from "@fedify/vocab-runtime";
import jsonld from "jsonld";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FediverseServer, startFediverseServer } from "./fediverse-server.ts";
import { type NetworkNode, peerState, peerWithHub, publicationsOf, startNetworkNode } from "./network-harness.ts";
import { signedPost } from "./signed-post.ts";

let hub: NetworkNode;
let europe: NetworkNode;
let reader: FediverseServer;
let stranger: FediverseServer;

const AP = { accept: "application/activity+json" };
const getJson = async (url: string) => {
  const response = await fetch(url, { headers: AP });
  return { status: response.status, json: (await response.json().catch(() => null)) as Record<string, unknown> };
};

beforeAll(async () => {
  hub = await startNetworkNode({ kind: "hub", slug: "hub", address: "127.0.0.70" });
  europe = await startNetworkNode({ kind: "region", slug: "europe", address: "127.0.0.71", regionCode: "EU" });
  reader = await startFediverseServer("127.0.0.78", "reader");
  stranger = await startFediverseServer("127.0.0.79", "node");
  await peerWithHub(europe, hub);
}, 90_000);
afterAll(async () => {
  await Promise.all([hub?.close(), europe?.close(), reader?.close(), stranger?.close()]);
});

describe(`a region seen from the fediverse (${testDriver()})`, () => {
  it("accepts a reader's follow apart from peering, and sends it a new publication with content and name", async () => {
    await reader.follow("ana", europe.actorUrl);
    await waitFor(async () => reader.received.some((a) => a.type === "Accept"), {
      what: "the reader to receive Europe's Accept",
      timeoutMs: 20_000,
    });
    const followers = (await (await europe.api("GET", "/api/fediverse/followers")).json()) as { total: number };
    expect(followers.total).toBe(1);
    expect(await peerState(europe, reader.actorUrl("ana"))).toBeUndefined();

    const created = await europe.api("POST", "/api/publications", {
      kind: "statement",
      language: "fr",
      titles: { en: "Winter outreach", fr: "Maraudes d’hiver" },
      bodies: { en: "We go out *every* night.", fr: "Nous sortons *chaque* nuit.\n\n- Paris\n- Lyon" },
    });
    expect(created.status).toBe(201);
    const create = (await waitFor(async () => reader.received.find((a) => a.type === "Create"), {
      what: "the reader to receive the Create",
      timeoutMs: 20_000,
    })) as { object: Record<string, unknown> };
    const article = create.object;
    expect(article.content).toBe(
      "<p>Nous sortons <em>chaque</em> nuit.</p>\n<ul>\n<li>Paris</li>\n<li>Lyon</li>\n</ul>",
    );
    expect(article.name).toBe("Maraudes d’hiver");
    expect(article.summary).toBe("Nous sortons chaque nuit.");
    // Fedify's own send to a server that is not a peer normalises the JSON-LD (language maps
    // sorted): every language is there; the original's text is `content` and `name`.
    expect(Object.keys(article.contentMap as object).sort()).toEqual(["en", "fr"]);
    expect(Object.keys(article.nameMap as object).sort()).toEqual(["en", "fr"]);
    // The same order when the article is fetched by its id.
    const fetched = await getJson(article.id as string);
    expect(Object.keys(fetched.json.contentMap as object)).toEqual(["fr", "en"]);
    expect(Object.keys(fetched.json.nameMap as object)).toEqual(["fr", "en"]);
    expect(fetched.json.content).toBe(article.content);
    // And in the outbox, as stored.
    const outbox = (await getJson(`${europe.actorUrl}/outbox`)).json;
    const first = (await getJson(outbox.first as string)).json as {
      orderedItems: { object: Record<string, unknown> }[];
    };
    const listed = first.orderedItems.find((item) => item.object.id === article.id);
    expect(Object.keys(listed?.object.contentMap as object)).toEqual(["fr", "en"]);
    expect(listed?.object.content).toBe(article.content);
    // The hashtag's link answers with the page of that kind, listing it.
    const tag = fetched.json.tag as { href: string }[] | { href: string } as { href: string };
    const page = await fetch(Array.isArray(tag) ? tag[0].href : tag.href, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Winter outreach");
  });

  it("shows anonymous readers only public activities in the outbox, with a matching count", async () => {
    const actor = (await getJson(europe.actorUrl)).json;
    const outbox = (await getJson(actor.outbox as string)).json;
    const items: { to?: unknown; cc?: unknown; type: string }[] = [];
    let next = outbox.first as string | undefined;
    while (next) {
      const page = (await getJson(next)).json;
      items.push(...((page.orderedItems as typeof items) ?? []));
      next = page.next as string | undefined;
    }
    expect(items.length).toBe(outbox.totalItems);
    expect(items.length).toBeGreaterThanOrEqual(1);
    for (const item of items) expect(JSON.stringify([item.to, item.cc])).toContain("as:Public");
    // Europe sent more than that (its platforms' roster, to its peers): a peer sees it, signed.
    const listed = (await europe.database.db.select().from(outboxActivities)).filter(
      (a) => a.tenantId === europe.tenant.id && a.listed,
    );
    expect(listed.length).toBeGreaterThan(items.length);
    const hubView = await hub.federation().contextFor(hub.tenant).getDocumentLoader({ identifier: "hub" });
    const signed = (await hubView(actor.outbox as string)).document as { totalItems: number };
    expect(signed.totalItems).toBe(listed.length);
    // The reader's own signed fetch is no peer's: public only.
    const asReader = await reader.signedGet("ana", actor.outbox as string);
    expect((asReader.json as { totalItems: number }).totalItems).toBe(items.length);
  });

  it("shows the followers' count to anyone and their members to peers only", async () => {
    const actor = (await getJson(europe.actorUrl)).json;
    const followers = (await getJson(actor.followers as string)).json;
    expect(followers).toMatchObject({ type: "OrderedCollection", totalItems: 2 });
    expect(followers.orderedItems).toBeUndefined();
    const first = followers.first as string;
    expect((await getJson(first)).status).toBe(401);
    expect((await reader.signedGet("ana", first)).status).toBe(401);
    const hubView = await hub.federation().contextFor(hub.tenant).getDocumentLoader({ identifier: "hub" });
    const members = (await hubView(first)).document as { orderedItems: string[] };
    expect(members.orderedItems.sort()).toEqual([hub.actorUrl, reader.actorUrl("ana")].sort());
    const following = (await getJson(actor.following as string)).json;
    expect(following).toMatchObject({ totalItems: 1 });
  });

  it("is refused everything peers get: its messages, the roster, trust", async () => {
    const before = (await publicationsOf(europe)).length;
    const post = await signedPost(
      `${europe.actorUrl}/inbox`,
      {
        id: `${reader.origin}/users/ana/statuses/1`,
        type: "Create",
        actor: reader.actorUrl("ana"),
        object: {
          id: `${reader.origin}/users/ana/articles/1`,
          type: "Article",
          attributedTo: reader.actorUrl("ana"),
          content: "<p>forged news</p>",
        },
      },
      reader.rsaKey("ana"),
    );
    expect(post.status).toBe(403);
    // Only the public Create went to the reader's server; nothing addressed to peers.
    const toReader = (await europe.database.db.select().from(deliveries)).filter((d) =>
      d.inbox.startsWith(reader.origin),
    );
    const sent = (await europe.database.db.select().from(outboxActivities)).filter((a) =>
      toReader.some((d) => d.outboxId === a.id),
    );
    expect(sent.map((a) => a.type).sort()).toEqual(["Accept", "Create"]);
    expect(await europe.services().isTrustedPeer(europe.tenant, reader.actorUrl("ana"))).toBe(false);
    expect((await europe.services().listNetworkPlatforms(europe.tenant)).length).toBe(0);
    expect((await publicationsOf(europe)).length).toBe(before);
  });

  it("serves JSON-LD that expands with ActivityStreams, the security contexts and the node's own contexts only", async () => {
    const known = new Set([
      "https://www.w3.org/ns/activitystreams",
      "https://w3id.org/security/v1",
      "https://w3id.org/security/data-integrity/v1",
      "https://w3id.org/security/multikey/v1",
    ]);
    const loaded: string[] = [];
    const documentLoader = async (url: string) => {
      loaded.push(url);
      if (known.has(url)) return { documentUrl: url, document: preloadedContexts[url], contextUrl: null };
      if (url.startsWith(`${europe.origin}/ap/contexts/`)) {
        const response = await fetch(url);
        expect(response.status).toBe(200);
        return { documentUrl: url, document: await response.json(), contextUrl: null };
      }
      throw new Error(`a context from elsewhere: ${url}`);
    };
    const actor = (await getJson(europe.actorUrl)).json;
    const publication = (await publicationsOf(europe)).find((p) => p.local);
    const outbox = (await getJson(actor.outbox as string)).json;
    const urls = [
      europe.actorUrl,
      publication?.objectId as string,
      actor.outbox as string,
      outbox.first as string,
      actor.followers as string,
      actor.following as string,
    ];
    for (const url of urls) {
      const { status, json } = await getJson(url);
      expect(status, url).toBe(200);
      const expanded = await jsonld.expand(json, { documentLoader });
      expect(expanded.length, url).toBeGreaterThan(0);
    }
    expect(loaded.some((u) => u.startsWith(europe.origin))).toBe(true);
  });

  it("redirects a browser opening the actor's id to its page, and a blocked server's follow is refused", async () => {
    const page = await fetch(europe.actorUrl, { headers: { accept: "text/html" }, redirect: "manual" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/");
    const blocked = await europe.api("POST", "/api/fediverse/blocked-servers", {
      server: new URL(reader.origin).host,
      reason: "spam",
    });
    expect(blocked.status).toBe(201);
    expect(await blocked.json()).toMatchObject({ followersRemoved: 1 });
    const peerBlock = await europe.api("POST", "/api/fediverse/blocked-servers", { server: new URL(hub.origin).host });
    expect(peerBlock.status).toBe(409);
    const followers = (await (await europe.api("GET", "/api/fediverse/followers")).json()) as { total: number };
    expect(followers.total).toBe(0);
  });
});

describe(`peering hygiene (${testDriver()})`, () => {
  it("the roster refuses a non-region actor: the hub's approval is refused and nothing reaches the roster", async () => {
    await stranger.follow("org", hub.actorUrl);
    await waitFor(async () => (await peerState(hub, stranger.actorUrl("org"))) === "requested", {
      what: "the hub to record the stranger's request",
      timeoutMs: 20_000,
    });
    const approved = await hub.api("POST", "/api/peers/decision", {
      actor: stranger.actorUrl("org"),
      decision: "approve",
    });
    expect(approved.status).toBe(409);
    const problem = (await approved.json()) as { reason: string; detail: string };
    expect(problem.reason).toBe("not-a-region");
    expect(problem.detail).toContain(stranger.actorUrl("org"));
    expect(await peerState(hub, stranger.actorUrl("org"))).toBe("requested");
    const asked = await hub.api("POST", "/api/peers", { actor: stranger.actorUrl("org") });
    expect(asked.status).toBe(409);
    expect(await europe.services().isTrustedPeer(europe.tenant, stranger.actorUrl("org"))).toBe(false);
    expect(stranger.received.some((a) => a.type === "Accept")).toBe(false);
  });

  it("ends at the regions what the roster caused when the hub ends a peering", async () => {
    const africa = await startNetworkNode({ kind: "region", slug: "africa", address: "127.0.0.72", regionCode: "AF" });
    try {
      await peerWithHub(africa, hub);
      await waitFor(
        async () =>
          (await peerState(europe, africa.actorUrl)) === "active" &&
          (await peerState(africa, europe.actorUrl)) === "active",
        { what: "Europe and Africa to peer from the hub's roster", timeoutMs: 30_000 },
      );
      expect((await hub.api("POST", "/api/peers/end", { actor: africa.actorUrl })).status).toBe(200);
      await waitFor(async () => (await peerState(europe, africa.actorUrl)) === "ended", {
        what: "Europe to end the peering the roster made with Africa",
        timeoutMs: 30_000,
      });
      await waitFor(async () => (await peerState(africa, europe.actorUrl)) === "ended", {
        what: "Africa to see it ended",
        timeoutMs: 30_000,
      });
      // Europe's peering with the hub, which no roster made, is untouched.
      expect(await peerState(europe, hub.actorUrl)).toBe("active");
    } finally {
      await africa.close();
    }
  }, 90_000);

  it("answers an actor it never asked to peer with 403, recorded, not 503", async () => {
    // Europe once asked another actor of that server to peer (an older node let it), unanswered.
    await europe.database.db.insert(peers).values({
      id: crypto.randomUUID(),
      tenantId: europe.tenant.id,
      actorId: stranger.actorUrl("asked"),
      inbox: `${stranger.actorUrl("asked")}/inbox`,
      origin: stranger.origin,
      direction: "outgoing",
      state: "requested",
      followActivityId: `${europe.actorUrl}/activities/follow/old`,
      since: new Date(),
    });
    const activity = {
      id: `${stranger.origin}/users/org/notes/1`,
      type: "Create",
      actor: stranger.actorUrl("org"),
      object: { id: `${stranger.origin}/users/org/notes/2`, type: "Note", content: "hi" },
    };
    const response = await signedPost(`${europe.actorUrl}/inbox`, activity, stranger.rsaKey("org"));
    expect(response.status).toBe(403);
    const refusals = (await europe.database.db.select().from(inboxRefusals)).filter(
      (r) => r.activityId === activity.id,
    );
    expect(refusals.map((r) => r.reason)).toEqual(["not-a-peer"]);
  });
});
