import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
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
import { createPostgresDatabase, freePort, type NodeProcess, startProcess, testDriver } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The hub, Africa and Europe as real node processes with their production timings (deliveries
 * polled every second, the hub's heartbeat every ten), on PGlite folders or PostgreSQL
 * databases. The hub's process is ended (SIGTERM, as an admin or a crash would) while two
 * ballots are open, and started again later: one ballot's grace period passes entirely while
 * the hub is down, the other's is still running when it comes back. Every vote cast in time
 * at the regions must be counted, and both regions must agree.
 */
const ENTRY = { hub: "nodes/hub/src/main.ts", region: "nodes/regional/src/main.ts" } as const;

interface BallotView {
  id: string;
  uri: string;
  status: string;
  closesAt: string;
  verifiedBy?: number;
  regions?: number;
  result: {
    publication: {
      votesCounted: number;
      extensionMs: number;
      reception: { downtimeMs: number; asked: string[]; answers: { regionCode: string }[] } | null;
    };
  } | null;
}

let nodes: DemoNode[] = [];
const processes = new Map<string, NodeProcess>();
const dropDatabases: (() => Promise<void>)[] = [];
let dataDir = "";
const log = () => {};

function start(node: DemoNode) {
  processes.set(node.slug, startProcess(ENTRY[node.kind], { ...demoNodeEnv(node), LOG_LEVEL: "info" }));
}

const output = () =>
  [...processes].map(([slug, child]) => `--- ${slug}\n${child.output().split("\n").slice(-80).join("\n")}`).join("\n");

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "dynamo-outage-"));
  const port = await freePort();
  nodes = planDemoNetwork({ port, dataDir }).filter((n) => ["hub", "africa", "europe"].includes(n.slug));
  for (const node of nodes) {
    if (testDriver() === "postgres") {
      const { url, drop } = await createPostgresDatabase();
      node.databaseUrl = url;
      dropDatabases.push(drop);
    }
    await bootstrapNode(node, log);
    start(node);
  }
  try {
    await Promise.all(nodes.map((node) => waitForHealthy(node.url, 120_000)));
    // Ballots need each region peered with the hub only.
    await seedNetwork(nodes, log, { regionsPeered: false });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${output()}`);
  }
}, 240_000);

afterAll(async () => {
  await Promise.all([...processes.values()].map((child) => child.stop()));
  for (const drop of dropDatabases) await drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe(`a hub outage around the close, real processes (${testDriver()})`, () => {
  it("counts every vote cast in time, whether the hub came back within the grace period or after it", async () => {
    const hub = nodes.find((n) => n.kind === "hub") as DemoNode;
    const regions = nodes.filter((n) => n.kind === "region");
    const secretariat = await login(hub, "ipg@hub.demo");
    if (secretariat === undefined) throw new Error("no secretariat");
    await until("the regions' platforms to reach the hub", 60_000, async () => {
      const { electorate } = (await (await secretariat("GET", "/api/ballots/electorate")).json()) as {
        electorate: { platformId: string }[];
      };
      return ["SN", "CD", "BE", "FR"].every((code) => electorate.some((m) => m.platformId === code));
    });

    // Two ballots: "early" closes first (its grace ends while the hub is down), "late" after.
    const now = Date.now();
    const open = async (name: string, closesInMs: number) => {
      const created = await secretariat("POST", "/api/ballots", {
        title: { en: `${name}: adopt the plan?` },
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + closesInMs).toISOString(),
        graceMinutes: 1,
      });
      expect(created.status).toBe(201);
      const draft = (await created.json()) as BallotView;
      expect((await secretariat("POST", `/api/ballots/${draft.id}/open`)).status).toBe(200);
      return draft;
    };
    const early = await open("early", 25_000);
    const late = await open("late", 45_000);

    // The regions' representatives, and each ballot's id at their region.
    const voters: Record<string, { vote: (ballotUri: string, option: string) => Promise<number> }> = {};
    for (const region of regions) {
      for (const rep of await representatives(region)) {
        const api = await login(region, rep.email);
        if (api === undefined) throw new Error(`${rep.email} cannot log in`);
        voters[rep.countryCode] = {
          vote: async (uri, option) => {
            const copy = await until(`${region.slug} to have the ballot`, 30_000, async () => {
              const { ballots } = (await (await api("GET", "/api/ballots")).json()) as { ballots: BallotView[] };
              return ballots.find((b) => b.uri === uri);
            });
            const cast = await api("POST", `/api/ballots/${copy.id}/votes`, {
              choice: { kind: "options", optionIds: [option] },
            });
            return cast.status;
          },
        };
      }
    }
    const vote = async (code: string, ballot: BallotView, option: string) => {
      const voter = voters[code];
      if (voter === undefined) throw new Error(`no representative for ${code}`);
      expect(await voter.vote(ballot.uri, option)).toBe(202);
    };
    await vote("SN", late, "yes");

    // The hub's process ends; the regions keep accepting votes, signed, queued for it.
    const hubProcess = processes.get("hub");
    expect(await hubProcess?.stop("SIGTERM")).toBe(0);
    await vote("BE", late, "yes");
    await vote("CD", late, "no");
    await vote("FR", early, "yes");
    await vote("SN", early, "yes");
    await vote("BE", early, "no");

    // Back after the early ballot's grace period, within the late one's.
    const earlyGraceEnds = new Date(early.closesAt).getTime() + 60_000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, earlyGraceEnds + 2_000 - Date.now())));
    expect(Date.now()).toBeLessThan(new Date(late.closesAt).getTime() + 60_000);
    start(hub);
    await waitForHealthy(hub.url, 60_000);
    // Before counting, the hub states on the ballot's page, at the hub and at the regions, how long
    // it still receives votes: its downtime came near the close.
    const europe = regions.find((r) => r.slug === "europe") as DemoNode;
    const europeAdmin = await login(europe, "admin@europe.demo");
    if (europeAdmin === undefined) throw new Error("no admin at Europe");
    await until("the hub's page to state the extension", 60_000, async () =>
      (await (await secretariat("GET", `/ballots/${early.id}`)).text()).includes("data-extended-until"),
    );
    await until("Europe's page to state the extension", 60_000, async () => {
      const { ballots } = (await (await europeAdmin("GET", "/api/ballots")).json()) as { ballots: BallotView[] };
      const copy = ballots.find((b) => b.uri === early.uri);
      return (
        copy !== undefined &&
        (await (await europeAdmin("GET", `/ballots/${copy.id}`)).text()).includes("data-extended-until")
      );
    });

    const counted = async (ballot: BallotView) => {
      try {
        return await until(`${ballot.id} to be counted and verified by both regions`, 240_000, async () => {
          const view = (await (await secretariat("GET", `/api/ballots/${ballot.id}`)).json()) as BallotView;
          return view.status === "closed" && view.verifiedBy === 2 ? view : undefined;
        });
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${output()}`);
      }
    };
    const [earlyResult, lateResult] = await Promise.all([counted(early), counted(late)]);
    expect(earlyResult.result?.publication.votesCounted).toBe(3);
    expect(lateResult.result?.publication.votesCounted).toBe(3);
    // The hub was down in the last part of voting: it received votes that much longer, and says so.
    for (const result of [earlyResult, lateResult]) {
      expect(result.result?.publication.reception?.downtimeMs).toBeGreaterThan(30_000);
      expect(result.result?.publication.reception?.asked).toEqual(["AF", "EU"]);
    }
  }, 480_000);
});
