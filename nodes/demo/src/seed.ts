import { DEMO_PASSWORD, DEMO_PLATFORMS } from "./accounts.ts";
import type { DemoNode } from "./network.ts";

interface Peer {
  actor: string;
  state: string;
  direction: string;
}

/** A small API client for one demo node, logged in as its administrator. */
async function client(node: DemoNode) {
  const login = await fetch(`${node.url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `admin@${node.slug}.demo`, password: DEMO_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login on ${node.slug}: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  return async (method: string, path: string, body?: unknown) =>
    fetch(`${node.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

const actorOf = (node: DemoNode) => `${node.url}/ap/actors/${node.slug}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Through the running nodes' API, idempotently (a second run finds it done): each region asks
 * the hub to peer, the hub's admin approves, the regions peer with each other from the hub's
 * roster; each region registers its platforms (sent to the hub); Europe publishes a welcome note.
 */
export async function seedNetwork(
  nodes: DemoNode[],
  log: (line: string) => void,
  options: { regionsPeered?: boolean } = {},
): Promise<void> {
  const hub = nodes.find((n) => n.kind === "hub");
  if (hub === undefined) throw new Error("the demo needs a hub");
  const regions = nodes.filter((n) => n.kind === "region");
  const hubApi = await client(hub);
  const peersOf = async (api: Awaited<ReturnType<typeof client>>) =>
    ((await (await api("GET", "/api/peers")).json()) as { peers: Peer[] }).peers;

  for (const region of regions) {
    const api = await client(region);
    const current = (await peersOf(api)).find((p) => p.actor === actorOf(hub));
    if (current?.state !== "active" && current?.state !== "requested") {
      const asked = await api("POST", "/api/peers", { actor: actorOf(hub) });
      if (asked.status !== 202) throw new Error(`${region.slug} could not ask the hub: ${await asked.text()}`);
      log(`demo: ${region.slug} asked the hub to peer`);
    }
    const pending = await until(`the hub to see ${region.slug}'s request`, 30_000, async () =>
      (await peersOf(hubApi)).find((p) => p.actor === actorOf(region)),
    );
    if (pending.state === "requested") {
      await hubApi("POST", "/api/peers/decision", { actor: actorOf(region), decision: "approve" });
      log(`demo: the hub approved ${region.slug}`);
    }
    await until(`${region.slug} to be peered with the hub`, 30_000, async () =>
      (await peersOf(api)).some((p) => p.actor === actorOf(hub) && p.state === "active"),
    );
    for (const platform of DEMO_PLATFORMS[region.slug] ?? []) {
      const created = await api("POST", "/api/platforms", {
        countryCode: platform.countryCode,
        names: { fr: platform.name },
        joinedOn: "2018-01-01",
        status: platform.status,
      });
      if (created.status !== 201 && created.status !== 409)
        throw new Error(`${region.slug} could not add ${platform.countryCode}: ${await created.text()}`);
    }
  }
  for (const region of options.regionsPeered === false ? [] : regions) {
    const api = await client(region);
    await until(`${region.slug} to peer with the other regions`, 60_000, async () => {
      const active = new Set((await peersOf(api)).filter((p) => p.state === "active").map((p) => p.actor));
      return regions.every((other) => other === region || active.has(actorOf(other)));
    });
  }
  log("demo: every region is peered with the hub (and, unless told not to wait, with each other)");

  const europe = regions.find((r) => r.slug === "europe");
  if (europe) {
    const api = await client(europe);
    const mine = (await (await api("GET", "/api/publications?local=true")).json()) as { publications: unknown[] };
    if (mine.publications.length === 0) {
      await api("POST", "/api/publications", {
        kind: "news",
        titles: { en: "Welcome to the Dynamo network", fr: "Bienvenue dans le réseau Dynamo" },
        bodies: {
          en: "The regions and the hub are now federated.",
          fr: "Les régions et le nœud international sont maintenant fédérés.",
        },
      });
      log("demo: Europe published a welcome note");
    }
  }
}
