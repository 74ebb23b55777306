import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, startProcess, waitFor } from "@dynamo/testing";
import { describe, expect, it } from "vitest";

interface NetworkFile {
  nodes: { slug: string; kind: string; regionCode: string | null; url: string }[];
  password: string;
  accounts: { node: string; email: string; roles: string[]; url: string }[];
}

async function login(network: NetworkFile, node: string): Promise<string> {
  const account = network.accounts.find((a) => a.node === node && a.email.startsWith("admin@"));
  if (account === undefined) throw new Error(`no admin account for ${node} in network.json`);
  const response = await fetch(`${account.url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: account.email, password: network.password }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

const urlOf = (network: NetworkFile, slug: string) => network.nodes.find((n) => n.slug === slug)?.url ?? "";

async function publicationTitles(url: string): Promise<string[]> {
  const body = (await (await fetch(`${url}/api/publications`)).json()) as {
    publications: { titles: { en?: string } }[];
  };
  return body.publications.map((p) => p.titles.en ?? "");
}

describe("pnpm demo", () => {
  it("brings up the hub and four regions, stops them cleanly, and resumes on a second run", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "dynamo-demo-"));
    const port = await freePort();
    const env = {
      DATA_DIR: dataDir,
      DEMO_PORT: String(port),
      DEMO_BALLOT_SECONDS: "30",
      DEMO_BALLOT_GRACE_MINUTES: "0",
    };
    const networkFile = path.join(dataDir, "demo", "network.json");

    const demo = startProcess("nodes/demo/src/main.ts", env);
    const network = await waitFor(async () => JSON.parse(await readFile(networkFile, "utf8")) as NetworkFile, {
      timeoutMs: 200_000,
      what: `network.json\n${demo.output()}`,
    });
    expect(network.nodes.map((n) => [n.slug, n.kind, n.regionCode])).toEqual([
      ["hub", "hub", null],
      ["africa", "region", "AF"],
      ["americas", "region", "AM"],
      ["asia", "region", "AS"],
      ["europe", "region", "EU"],
    ]);
    for (const node of network.nodes) {
      const tenant = (await (await fetch(`${node.url}/api/tenant`)).json()) as { slug: string };
      expect(tenant.slug).toBe(node.slug);
    }
    // Peered: the hub trusts the four regions, and a region's publication reaches the three others and the hub.
    const hubToken = await login(network, "hub");
    const peers = (await (
      await fetch(`${urlOf(network, "hub")}/api/peers`, { headers: { authorization: `Bearer ${hubToken}` } })
    ).json()) as { peers: { state: string }[] };
    expect(peers.peers.filter((p) => p.state === "active")).toHaveLength(4);
    expect(network.accounts.filter((a) => a.node === "europe").map((a) => a.roles[0])).toEqual([
      "node_admin",
      "regional_coordinator",
      "member",
    ]);
    const published = await fetch(`${urlOf(network, "africa")}/api/publications`, {
      method: "POST",
      headers: { authorization: `Bearer ${await login(network, "africa")}`, "content-type": "application/json" },
      body: JSON.stringify({
        kind: "news",
        titles: { en: "News from Dakar" },
        bodies: { en: "Street workers met in Dakar." },
      }),
    });
    expect(published.status).toBe(201);
    for (const slug of ["hub", "americas", "asia", "europe"]) {
      await waitFor(async () => (await publicationTitles(urlOf(network, slug))).includes("News from Dakar"), {
        timeoutMs: 30_000,
        what: `the publication on ${slug}`,
      });
    }
    // The governance flows: four status reports received at the hub, and an IPG ballot voted from
    // the four regions, counted at its close and verified by every region.
    await waitFor(async () => demo.output().includes("demo: done"), {
      timeoutMs: 400_000,
      what: "the demo's report and ballot steps",
    });
    for (const slug of ["africa", "americas", "asia", "europe"]) {
      expect(demo.output()).toContain(`demo: ${slug} submitted its biennial status report`);
    }
    expect(demo.output()).toContain("demo: BE cast CO's vote by proxy");
    expect(demo.output()).toContain("the rotation proposes AM for 2028");
    expect(demo.output()).toContain("its 2025 activity report pre-filled from them");
    // The hub's network calendar holds both IPG editions and every region's pilot group.
    await waitFor(
      async () => {
        const feed = await (await fetch(`${urlOf(network, "hub")}/api/calendar/network.ics`)).text();
        return [
          "IPG 2024",
          "IPG 2026",
          ...["africa", "americas", "asia", "europe"].map((r) => `pilot group ${r} 2025`),
        ].every((name) => feed.includes(name));
      },
      { what: "the hub's iCal feed to hold the IPGs and the pilot groups", timeoutMs: 60_000 },
    );
    expect(demo.output()).toMatch(/ballot counted — adopted .*; verified by 4 of 4 regions/);
    // The rules of procedure: an amendment proposed at Africa, voted from the four regions,
    // adopted and in force at the four regions; Europe's regional ROI adopted by the IPG.
    expect(demo.output()).toContain("demo: a member of Africa proposed an amendment of the international ROI");
    expect(demo.output()).toContain("version 2 of the international ROI is in force at the 4 regions");
    expect(demo.output()).toContain("demo: Europe's regional ROI adopted by the IPG");
    const hubGet = async (route: string) =>
      (await fetch(`${urlOf(network, "hub")}${route}`, { headers: { authorization: `Bearer ${hubToken}` } })).json();
    const { ballots } = (await hubGet("/api/ballots")) as {
      ballots: { id: string; status: string; title: { en?: string } }[];
    };
    // The action plan, the amendment, Europe's ROI and the 2024 IPG's minutes.
    expect(ballots.filter((b) => b.status === "closed")).toHaveLength(4);
    expect(demo.output()).toContain("demo: the IPG 2024 minutes adopted and published to the regions");
    const { editions } = (await hubGet("/api/ipg/editions")) as { editions: { year: number; status: string }[] };
    expect(editions.find((e) => e.year === 2024)?.status).toBe("minutes-approved");
    const closed = ballots.filter((b) => b.status === "closed" && b.title.en?.includes("action plan"));
    expect(closed).toHaveLength(1);
    const counted = (await hubGet(`/api/ballots/${closed[0]?.id}`)) as { verifiedBy: number; regions: number };
    expect([counted.verifiedBy, counted.regions]).toEqual([4, 4]);

    expect(await demo.stop("SIGINT")).toBe(0);
    expect(demo.output().match(/closed cleanly/g)).toHaveLength(5);

    const again = startProcess("nodes/demo/src/main.ts", env);
    await waitFor(async () => again.output().includes("the network is up"), { timeoutMs: 200_000, what: "second run" });
    expect(again.output()).not.toContain("created tenant");
    expect(again.output()).not.toContain("asked the hub to peer");
    expect(await publicationTitles(urlOf(network, "asia"))).toContain("News from Dakar");
    expect(await again.stop("SIGTERM")).toBe(0);
  }, 900_000);
});
