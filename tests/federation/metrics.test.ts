import { testDriver, waitFor } from "@dynamo/testing";
import parsePrometheusTextFormat, { type MetricFamily } from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_METRICS_TOKEN } from "../support/test-node.ts";
import { type NetworkNode, peerWithHub, publish, startNetworkNode } from "./network-harness.ts";

let hub: NetworkNode;
let asia: NetworkNode;

beforeAll(async () => {
  hub = await startNetworkNode({ kind: "hub", slug: "hub", address: "127.0.0.71" });
  asia = await startNetworkNode({ kind: "region", slug: "asia", address: "127.0.0.72", regionCode: "AS" });
  await peerWithHub(asia, hub);
}, 180_000);
afterAll(async () => {
  await Promise.all([hub?.close(), asia?.close()]);
});

/** /metrics as Prometheus scrapes it, read back by another library than the one that wrote it. */
async function scrape(node: NetworkNode): Promise<MetricFamily[]> {
  const response = await fetch(`${node.origin}/metrics`, {
    headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusTextFormat(await response.text());
}

const samples = (families: MetricFamily[], name: string) => families.find((f) => f.name === name)?.metrics ?? [];
const pendingFor = (families: MetricFamily[], peer: string) =>
  Number(samples(families, "dynamo_outbox_pending").find((m) => m.labels?.peer === peer)?.value ?? 0);

describe(`/metrics (${testDriver()})`, () => {
  it("answers only with its bearer token, as problem+json otherwise", async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: "Bearer not-the-token-of-this-node" }];
    for (const headers of attempts) {
      const refused = await fetch(`${asia.origin}/metrics`, { headers });
      expect(refused.status).toBe(401);
      expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await refused.text()).not.toContain("dynamo_");
    }
  });

  it("shows the outbox rising while the hub is down and emptying once it is back, requests by route pattern", async () => {
    const before = pendingFor(await scrape(asia), hub.actorUrl);
    await hub.down();
    for (const title of ["Outreach at night", "Training in Kathmandu", "A field visit"]) await publish(asia, title);
    await waitFor(async () => pendingFor(await scrape(asia), hub.actorUrl) >= before + 3, {
      what: "three deliveries to the hub waiting in Asia's outbox",
      timeoutMs: 20_000,
    });
    const down = await scrape(asia);
    const oldest = samples(down, "dynamo_outbox_oldest_age_seconds").find((m) => m.labels?.peer === hub.actorUrl);
    expect(Number(oldest?.value)).toBeGreaterThan(0);
    expect(oldest?.labels?.tenant).toBe("asia");

    // Requests are labelled by their route's pattern, never by a raw path (bounded labels).
    const requests = samples(down, "dynamo_http_requests_total");
    expect(requests.some((m) => m.labels?.route === "/api/publications" && m.labels.method === "POST")).toBe(true);
    expect(requests.every((m) => !/[0-9a-f]{8}-[0-9a-f]{4}-/.test(m.labels?.route ?? ""))).toBe(true);
    expect(samples(down, "dynamo_http_request_duration_seconds").length).toBeGreaterThan(0);
    expect(Number(samples(down, "dynamo_process_resident_memory_bytes")[0]?.value)).toBeGreaterThan(0);
    expect(down.find((f) => f.name === "dynamo_ballots_open")?.type).toBe("GAUGE");

    await hub.up();
    await waitFor(async () => pendingFor(await scrape(asia), hub.actorUrl) === 0, {
      what: "Asia's outbox to the hub emptied once the hub is back",
      timeoutMs: 30_000,
    });
  }, 90_000);
});
