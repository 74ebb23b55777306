import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Database } from "@dynamo/db";
import {
  bootstrapNode,
  type DemoNode,
  demoNodeEnv,
  login,
  planDemoNetwork,
  representatives,
  seedNetwork,
  until,
  waitForHealthy,
} from "@dynamo/demo";
import { createPostgresDatabase, freePort, type NodeProcess, startProcess } from "@dynamo/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The hub as two processes from its real entry point, on one PostgreSQL database, behind
 * Debian's HAProxy run as a plain process (roundrobin, health checks on /healthz, X-Forwarded-*
 * set and trusted: TRUST_PROXY=true, as the deployment docs describe). Africa and Europe peer
 * with the hub through the load balancer, with real signatures. One hub process is killed
 * (SIGKILL) while a ballot is open: the regions' outboxes keep delivering through the other; it
 * is started again before the close, so two live processes race for the tally; the ballot is
 * counted once, with every vote once.
 *
 * PostgreSQL only: two processes cannot share one embedded PGlite database, so this file is in
 * vitest.config.ts's `postgresOnly` list (the mirror of `pgliteOnly`) and the pglite project
 * does not run it.
 */
const HUB_ENTRY = "nodes/hub/src/main.ts";
const REGION_ENTRY = "nodes/regional/src/main.ts";
const HAPROXY = process.env.HAPROXY_PATH || "/usr/sbin/haproxy";
const NODE_SECRET = "hub-scale-out-node-secret-of-at-least-32-characters";
const BACKENDS = ["hub-a", "hub-b"] as const;
const PROXY_SOURCE = "127.0.0.30";
type Backend = (typeof BACKENDS)[number];

interface BallotView {
  id: string;
  uri: string;
  status: string;
  closesAt: string;
  verifiedBy?: number;
  result: {
    publication: {
      votesCounted: number;
      counts: { optionId: string; votes: number }[];
      reception: { downtimeMs: number; asked: string[] } | null;
    };
  } | null;
}

let scratch = "";
let hub: DemoNode;
let regions: DemoNode[] = [];
let hubDatabase: Database | undefined;
let haproxy: ReturnType<typeof spawn> | undefined;
let haproxyOutput = "";
const hubProcesses = new Map<Backend, NodeProcess>();
const regionProcesses = new Map<string, NodeProcess>();
const drops: (() => Promise<void>)[] = [];
let listen: Record<Backend, { host: string; port: number }>;
const backendUrl = (name: Backend) => `http://${listen[name].host}:${listen[name].port}`;

/** One hub process from the real entry point: the hub's database, secret and public address. */
function startHub(name: Backend) {
  hubProcesses.set(
    name,
    startProcess(HUB_ENTRY, {
      ...demoNodeEnv(hub),
      HOST: listen[name].host,
      PORT: String(listen[name].port),
      DATA_DIR: path.join(scratch, name),
      NODE_SECRET,
      TRUST_PROXY: "true",
      LOG_LEVEL: "info",
    }),
  );
}

const output = () =>
  [...hubProcesses, ...regionProcesses]
    .map(([name, child]) => `--- ${name}\n${child.output().split("\n").slice(-60).join("\n")}`)
    .concat(`--- haproxy\n${haproxyOutput}`)
    .join("\n");

/** The rows of a statement on the hub's database. */
async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  if (hubDatabase === undefined) throw new Error("no hub database");
  const result = (await hubDatabase.db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** HAProxy's configuration: the hub's public address in front, the two processes behind it. */
function haproxyConfig(front: { host: string; port: number }, backends: Record<Backend, string>): string {
  return [
    "global",
    "  maxconn 512",
    "defaults",
    "  mode http",
    "  timeout connect 1s",
    "  timeout client 30s",
    "  timeout server 30s",
    // A request sent to a process that just died is tried again on the other one.
    "  retries 3",
    "  option redispatch 1",
    "  retry-on conn-failure empty-response response-timeout",
    "frontend hub",
    `  bind ${front.host}:${front.port}`,
    // X-Forwarded-For (the client's address) and -Host/-Proto, as Caddy sets them in deploy/.
    "  option forwardfor",
    "  http-request set-header X-Forwarded-Host %[req.hdr(host)]",
    "  http-request set-header X-Forwarded-Proto http",
    // Which process answered: the test checks that requests land on both.
    "  http-response set-header X-Served-By %s",
    "  default_backend hubs",
    "backend hubs",
    "  balance roundrobin",
    // HAProxy reaches the processes from an address of its own: only X-Forwarded-For, trusted,
    // tells them the client's.
    `  source ${PROXY_SOURCE}`,
    "  option httpchk",
    `  http-check send meth GET uri /healthz hdr Host ${front.host}:${front.port}`,
    "  http-check expect status 200",
    "  default-server inter 300ms fall 2 rise 1",
    ...BACKENDS.map((name) => `  server ${name} ${backends[name]} check`),
    "",
  ].join("\n");
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "dynamo-hub-scale-"));
  const port = await freePort();
  const planned = planDemoNetwork({ port, dataDir: scratch }).filter((n) =>
    ["hub", "africa", "europe"].includes(n.slug),
  );
  hub = planned.find((n) => n.kind === "hub") as DemoNode;
  regions = planned.filter((n) => n.kind === "region");
  for (const node of planned) {
    const { url, drop } = await createPostgresDatabase();
    node.databaseUrl = url;
    drops.push(drop);
    await bootstrapNode(node, () => {});
  }
  hubDatabase = await createDb({ driver: "postgres", url: hub.databaseUrl as string, maxConnections: 2 });

  // The hub's public address is the load balancer's; its processes listen on their own addresses.
  listen = {
    "hub-a": { host: "127.0.0.20", port: await freePort("127.0.0.20") },
    "hub-b": { host: "127.0.0.21", port: await freePort("127.0.0.21") },
  };
  for (const name of BACKENDS) startHub(name);
  for (const region of regions) regionProcesses.set(region.slug, startProcess(REGION_ENTRY, demoNodeEnv(region)));

  const config = path.join(scratch, "haproxy.cfg");
  await writeFile(
    config,
    haproxyConfig(hub, {
      "hub-a": `${listen["hub-a"].host}:${listen["hub-a"].port}`,
      "hub-b": `${listen["hub-b"].host}:${listen["hub-b"].port}`,
    }),
  );
  haproxy = spawn(HAPROXY, ["-f", config, "-db"], { stdio: ["ignore", "pipe", "pipe"] });
  haproxy.stdout?.on("data", (chunk) => {
    haproxyOutput += chunk;
  });
  haproxy.stderr?.on("data", (chunk) => {
    haproxyOutput += chunk;
  });
  try {
    // Four processes compiling TypeScript at once: slow on a busy 2-core machine.
    await Promise.all([
      ...BACKENDS.map((name) => waitForHealthy(backendUrl(name), 150_000)),
      ...regions.map((region) => waitForHealthy(region.url, 150_000)),
    ]);
    await waitForHealthy(hub.url, 10_000);
    await seedNetwork(planned, () => {}, { regionsPeered: false });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${output()}`);
  }
}, 240_000);

afterAll(async () => {
  await Promise.all([...hubProcesses.values(), ...regionProcesses.values()].map((child) => child.stop()));
  if (haproxy && haproxy.exitCode === null) {
    haproxy.kill("SIGTERM");
    await once(haproxy, "exit");
  }
  await hubDatabase?.close();
  for (const drop of drops) await drop();
  await rm(scratch, { recursive: true, force: true });
});

describe("the hub as two processes behind HAProxy (postgres)", () => {
  it("shares sessions and rate limits between its processes", async () => {
    const secretariat = await login(hub, "ipg@hub.demo");
    if (secretariat === undefined) throw new Error("no secretariat");
    const servedBy = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const response = await secretariat("GET", "/api/ballots");
      expect(response.status).toBe(200);
      servedBy.add(response.headers.get("x-served-by") ?? "");
    }
    // One session, issued by one process, honoured by both.
    expect([...servedBy].sort()).toEqual([...BACKENDS]);

    // Wrong passwords for one account, spread over both processes by roundrobin: the limit
    // (5 per account and address) counts them all, whichever process answered.
    const attempt = (password: string) =>
      fetch(`${hub.url}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@hub.demo", password }),
      });
    const failedOn = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const response = await attempt(`wrong password number ${i}`);
      expect(response.status).toBe(401);
      failedOn.add(response.headers.get("x-served-by") ?? "");
    }
    expect([...failedOn].sort()).toEqual([...BACKENDS]);
    const limited = await attempt("yet another wrong password");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toContain("application/problem+json");
    // Counted under the client's address as HAProxy forwarded it (X-Forwarded-For, trusted), not
    // under the address HAProxy connects from.
    const counters = await rows<{ key: string; count: number }>(
      sql`select key, count from rate_limits where key like 'login:pair:%'`,
    );
    expect(counters).toHaveLength(1);
    expect(counters[0]?.key).toMatch(/:127\.0\.0\.1$/);
    expect(counters[0]?.count).toBe(5);
  });

  it("counts every vote once and the ballot once when one process is killed mid-ballot and comes back", async () => {
    const secretariat = await login(hub, "ipg@hub.demo");
    if (secretariat === undefined) throw new Error("no secretariat");
    await until("the regions' platforms to reach the hub", 30_000, async () => {
      const { electorate } = (await (await secretariat("GET", "/api/ballots/electorate")).json()) as {
        electorate: { platformId: string }[];
      };
      return ["SN", "CD", "BE", "FR"].every((code) => electorate.some((m) => m.platformId === code));
    });
    // The representatives, invited and logged in before the ballot opens (password hashing is slow
    // on a busy machine): each votes on the ballot's copy at their region.
    const voters = new Map<string, (uri: string, option: string) => Promise<number>>();
    for (const region of regions) {
      for (const rep of await representatives(region)) {
        const api = await login(region, rep.email);
        if (api === undefined) throw new Error(`${rep.email} cannot log in`);
        voters.set(rep.countryCode, async (uri, option) => {
          const copy = await until(`${region.slug} to have the ballot`, 15_000, async () => {
            const { ballots } = (await (await api("GET", "/api/ballots")).json()) as { ballots: BallotView[] };
            return ballots.find((b) => b.uri === uri);
          });
          return (
            await api("POST", `/api/ballots/${copy.id}/votes`, { choice: { kind: "options", optionIds: [option] } })
          ).status;
        });
      }
    }

    const now = Date.now();
    // No grace period: the count comes at the close, once the regions answered the hub's question.
    const created = await secretariat("POST", "/api/ballots", {
      title: { en: "Scale out: adopt the plan?" },
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 55_000).toISOString(),
      graceMinutes: 0,
    });
    expect(created.status).toBe(201);
    const ballot = (await created.json()) as BallotView;
    expect((await secretariat("POST", `/api/ballots/${ballot.id}/open`)).status).toBe(200);
    const vote = async (code: string, option: string) => expect(await voters.get(code)?.(ballot.uri, option)).toBe(202);
    const received = async () =>
      (
        await rows<{ n: number }>(
          sql`select count(*)::int as n from ballot_received_votes where ballot_id = ${ballot.id} and outcome = 'accepted'`,
        )
      )[0]?.n ?? 0;

    await vote("SN", "yes");
    await vote("BE", "no");
    await until("the first votes to reach the hub", 15_000, async () => (await received()) === 2);

    // One process dies without a word: no clean stop, its leases and connections just end.
    const killed = hubProcesses.get("hub-a");
    await killed?.stop("SIGKILL");
    expect(killed?.child.signalCode).toBe("SIGKILL");
    // HAProxy's health checks take it out: the hub keeps answering, from the other process.
    await until("the load balancer to route around the killed process", 10_000, async () => {
      const served = await Promise.all([1, 2, 3, 4].map(() => secretariat("GET", `/api/ballots/${ballot.id}`)));
      return served.every((r) => r.status === 200 && r.headers.get("x-served-by") === "hub-b");
    });
    // Its supervisor starts it again, while the regions keep voting through the other one.
    startHub("hub-a");
    await vote("CD", "yes");
    await vote("FR", "yes");
    await until("the votes cast after the kill to reach the hub", 20_000, async () => (await received()) === 4);
    // Back behind the balancer before the close: two live processes' workers race for the tally.
    await waitForHealthy(backendUrl("hub-a"), 40_000);
    await until("the load balancer to send to the restarted process again", 10_000, async () => {
      const served = await Promise.all([1, 2, 3, 4].map(() => secretariat("GET", `/api/ballots/${ballot.id}`)));
      return served.some((r) => r.headers.get("x-served-by") === "hub-a");
    });
    expect(Date.now()).toBeLessThan(new Date(ballot.closesAt).getTime());

    let closed: BallotView;
    try {
      closed = await until("the ballot to be counted", 60_000, async () => {
        const view = (await (await secretariat("GET", `/api/ballots/${ballot.id}`)).json()) as BallotView;
        return view.status === "closed" && view.result !== null ? view : undefined;
      });
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${output()}`);
    }
    expect(closed.result?.publication.votesCounted).toBe(4);
    expect(closed.result?.publication.counts.find((c) => c.optionId === "yes")?.votes).toBe(3);
    expect(closed.result?.publication.counts.find((c) => c.optionId === "no")?.votes).toBe(1);
    // The hub as a whole never stopped (the other process kept beating): no extension for downtime.
    expect(closed.result?.publication.reception?.downtimeMs).toBe(0);
    expect(closed.result?.publication.reception?.asked).toEqual(["AF", "EU"]);

    // In the shared database: each vote once, one result, one tally audit event, one event.
    const votes = await rows<{ platform_id: string; n: number }>(
      sql`select platform_id, count(*)::int as n from ballot_received_votes where ballot_id = ${ballot.id} group by platform_id order by platform_id`,
    );
    expect(votes).toEqual([
      { platform_id: "BE", n: 1 },
      { platform_id: "CD", n: 1 },
      { platform_id: "FR", n: 1 },
      { platform_id: "SN", n: 1 },
    ]);
    const results = await rows<{ n: number }>(
      sql`select count(*)::int as n from ballot_results where ballot_id = ${ballot.id}`,
    );
    expect(results[0]?.n).toBe(1);
    const audits = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'ballots.close' and target_id = ${ballot.id}`,
    );
    expect(audits[0]?.n).toBe(1);
    const events = await rows<{ n: number }>(
      sql`select count(*)::int as n from area_events where name = 'ballot.closed' and payload->>'ballotId' = ${ballot.id}`,
    );
    expect(events[0]?.n).toBe(1);
    // Every region received the result once and agrees with it.
    await until("both regions to attest the result", 30_000, async () => {
      const view = (await (await secretariat("GET", `/api/ballots/${ballot.id}`)).json()) as BallotView;
      return view.verifiedBy === 2;
    });
    for (const name of BACKENDS) expect(hubProcesses.get(name)?.child.exitCode).toBeNull();
    // Both processes were up at the close; one of them asked the regions and counted, once.
    const logged = (pattern: RegExp) =>
      BACKENDS.map(
        (name) => (hubProcesses.get(name)?.output() ?? "").split("\n").filter((l) => pattern.test(l)).length,
      );
    const counts = logged(new RegExp(`ballot '?${ballot.id}'? counted`));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
  }, 90_000);
});
