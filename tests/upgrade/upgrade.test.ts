import { ballotsDeps, createBallotRepo, type ResultPayload, verifyRollCall } from "@dynamo/ballots";
import type { Tenant } from "@dynamo/core";
import { createTenantRepo } from "@dynamo/db";
import type { AreaKernel } from "@dynamo/node";
import { type TestDatabase, testDriver, waitFor } from "@dynamo/testing";
import { getLogger } from "@logtape/logtape";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestNode, serveTestNode, testApiClient } from "../support/test-node.ts";
import {
  appliedMigrations,
  type FixtureNetwork,
  journalEntries,
  loadReleaseDatabase,
  PREVIOUS_RELEASE,
  readFixtureNetwork,
  rowsOf,
} from "./fixture.ts";

/**
 * The upgrade from the previous release: each node's database as that release left it (a hub and
 * a region with members, the rules of procedure, a counted and verified IPG ballot, an
 * acknowledged annual report; tests/upgrade/fixtures/), opened by this checkout's nodes on the
 * same origins with the same secrets. The migrations apply at start; what the network holds must
 * still verify and open, and the two nodes must go on exchanging signed messages with the keys
 * they pinned before.
 */

interface UpgradedNode {
  slug: string;
  database: TestDatabase;
  tenant: Tenant;
  kernel: AreaKernel;
  /** Migrations the release had applied, from its dump. */
  before: number;
  api(
    method: string,
    path: string,
    body?: unknown,
    email?: string,
    headers?: Record<string, string>,
  ): Promise<Response>;
  stop(): Promise<void>;
}

let network: FixtureNetwork;
const nodes: Record<string, UpgradedNode> = {};
/** The hub's cached public keys of Europe's actors, and Europe's own keys, as the release left them. */
let pinnedBefore: Map<string, string>;
let europeKeysBefore: string[];

const hub = () => nodes.hub as UpgradedNode;
const europe = () => nodes.europe as UpgradedNode;

async function pinnedKeys(database: TestDatabase, origin: string): Promise<Map<string, string>> {
  const rows = rowsOf(
    await database.db.execute(
      sql`select key[3] as id, value::text as value from fedify_kv where key[2] = 'publicKey' and key[3] like ${`${origin}/%`}`,
    ),
  );
  return new Map(rows.map((r) => [String(r.id), String(r.value)]));
}

async function ownKeys(database: TestDatabase): Promise<string[]> {
  const rows = rowsOf(
    await database.db.execute(
      sql`select actor_identifier || ' ' || kind || ' ' || public_key::text as k from actor_keys order by 1`,
    ),
  );
  return rows.map((r) => String(r.k));
}

async function json<T>(response: Response, status: number, what: string): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

beforeAll(async () => {
  network = await readFixtureNetwork();
  for (const spec of network.nodes) {
    const { database, before } = await loadReleaseDatabase(spec.dump);
    const tenant = await createTenantRepo(database.db).findBySlug(spec.slug);
    if (tenant === undefined) throw new Error(`the fixture has no tenant ${spec.slug}`);
    if (spec.slug === "hub") {
      const europeOrigin = network.nodes.find((n) => n.slug === "europe")?.origin ?? "";
      pinnedBefore = await pinnedKeys(database, europeOrigin);
    } else {
      europeKeysBefore = await ownKeys(database);
    }
    const built = buildTestNode({ database, nodeSecret: spec.nodeSecret, origin: spec.origin }, spec.kind);
    const stopServer = serveTestNode(spec.address, spec.port, built.app.fetch);
    const stopWorkers = built.start();
    const client = testApiClient(spec.origin, `admin@${spec.slug}.test`);
    nodes[spec.slug] = {
      slug: spec.slug,
      database,
      tenant,
      kernel: built.kernel,
      before,
      api: client.api,
      async stop() {
        await stopServer();
        await stopWorkers();
      },
    };
  }
}, 120_000);

afterAll(async () => {
  for (const node of Object.values(nodes)) await node.stop();
  for (const node of Object.values(nodes)) await node.database.close();
});

describe(`an upgrade from release ${PREVIOUS_RELEASE} (${testDriver()})`, () => {
  it("applies every migration of this checkout on top of the release's, keeping the release's record", async () => {
    const journal = await journalEntries();
    for (const node of Object.values(nodes)) {
      const applied = await appliedMigrations(node.database);
      expect(node.before).toBeGreaterThan(0);
      expect(node.before).toBeLessThanOrEqual(journal.length);
      // Every migration of the journal, each once, in order: the release's first, then the new ones.
      expect(applied.map((m) => Number(m.createdAt))).toEqual(journal.map((e) => e.when));
    }
  });

  it("keeps the counted ballot: its signed votes, chain and tally still verify, and every receipt is counted", async () => {
    const { ballot, people } = network;
    const closed = await json<{
      status: string;
      verifiedBy: number;
      result: { publication: ResultPayload };
    }>(await hub().api("GET", `/api/ballots/${ballot.hubId}`, undefined, people.secretariat), 200, "getBallot (hub)");
    expect(closed.status).toBe("closed");
    expect(closed.verifiedBy).toBe(1);
    expect(closed.result.publication).toMatchObject({
      counts: [
        { optionId: "yes", votes: 1 },
        { optionId: "no", votes: 1 },
      ],
      votesCounted: 2,
      electorateSize: 2,
      outcome: "rejected",
    });
    expect(closed.result.publication.votes).toHaveLength(2);

    // The region recomputes the published result with this checkout's code: each vote's proof
    // against its platform's key, the chain to the same head, the same tally.
    const record = await createBallotRepo(europe().database.db, europe().tenant.id).findById(ballot.regionId);
    if (record === undefined) throw new Error("Europe lost its copy of the ballot");
    const ctx = { ...ballotsDeps(europe().kernel), tenant: europe().tenant, logger: getLogger(["test", "upgrade"]) };
    const publication = closed.result.publication;
    expect(await verifyRollCall(ctx, record, publication)).toMatchObject({ agrees: true });
    // The same check finds a result altered after the upgrade: it can fail.
    const altered = structuredClone(publication);
    const first = altered.counts[0];
    if (first) first.votes += 1;
    expect(await verifyRollCall(ctx, record, altered)).toMatchObject({ agrees: false, problem: "count-mismatch" });
    const forged = structuredClone(publication);
    const signed = forged.votes?.[0]?.signed as { choice?: unknown } | null | undefined;
    if (signed) signed.choice = { kind: "options", optionIds: ["no"] };
    expect(await verifyRollCall(ctx, record, forged)).toMatchObject({
      agrees: false,
      problem: expect.stringMatching(/^(bad-signature|vote-mismatch):/),
    });

    const atRegion = await json<{ result: { verification: { agrees: boolean; problem: string | null } } }>(
      await europe().api("GET", `/api/ballots/${ballot.regionId}`, undefined, people.rep.BE),
      200,
      "getBallot (region)",
    );
    expect(atRegion.result.verification).toMatchObject({ agrees: true, problem: null });
    for (const vote of ballot.votes) {
      const receipt = await json<{ status: string; receipt: string }>(
        await europe().api("GET", `/api/ballots/${ballot.regionId}/votes/${vote.id}`, undefined, vote.email),
        200,
        "getVoteReceipt",
      );
      expect(receipt).toMatchObject({ status: "counted", receipt: vote.receipt });
    }
    const page = await europe().api("GET", `/ballots/${ballot.regionId}`, undefined, people.rep.BE);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Adopt the 2027 budget?");
  });

  it("opens the acknowledged annual report at the region and at the hub, as JSON, page and export", async () => {
    const { report, people } = network;
    for (const [node, email] of [
      [europe(), people.coordinator],
      [hub(), people.team],
    ] as const) {
      const opened = await json<{
        report: {
          state: string;
          cycle: string;
          sections: { content: { activities: { title: string }[] } }[];
          history: { revision: number; acknowledgedAt: string | null }[];
        };
      }>(await node.api("GET", `/api/reports/${report.id}`, undefined, email), 200, `getReport (${node.slug})`);
      expect(opened.report.state).toBe("acknowledged");
      expect(opened.report.history).toEqual([
        expect.objectContaining({ revision: 1, acknowledgedAt: expect.any(String) }),
      ]);
      const titles = opened.report.sections.flatMap((s) => s.content.activities.map((a) => a.title));
      expect(titles.sort()).toEqual([...report.titles].sort());
      const page = await node.api("GET", `/reports/${report.id}`, undefined, email, { "accept-language": "fr" });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(report.statement);
      const csv = await node.api("GET", `/api/reports/${report.id}/export?format=csv`, undefined, email);
      expect(csv.status).toBe(200);
      const text = await csv.text();
      for (const title of report.titles) expect(text).toContain(title);
    }
  });

  it("keeps the rules of procedure in force, the same signed and chained version at both nodes", async () => {
    for (const node of [hub(), europe()]) {
      const current = await json<{ number: number; hash: string; status: string }>(
        await node.api("GET", `/api/rules/${network.rules.textKey}/versions/current`),
        200,
        `getRulesVersion (${node.slug})`,
      );
      expect(current).toMatchObject({ number: network.rules.number, hash: network.rules.hash });
    }
  });

  it("resumes federation: a new ballot reaches the region, whose signed vote the hub accepts with the keys pinned before", async () => {
    const { people } = network;
    const now = Date.now();
    const draft = await json<{ id: string; uri: string }>(
      await hub().api(
        "POST",
        "/api/ballots",
        {
          title: { en: "Hold the 2028 IPG in Dakar?", fr: "Tenir l'IPG 2028 à Dakar ?" },
          description: { en: "After the upgrade." },
          rules: {
            options: { kind: "yes-no" },
            majority: { kind: "simple" },
            abstentions: "excluded",
            blanks: "excluded",
            quorum: null,
            maxProxiesPerHolder: 1,
            substitutesAllowed: true,
            secrecy: "roll-call",
          },
          opensAt: new Date(now - 60_000).toISOString(),
          closesAt: new Date(now + 3_600_000).toISOString(),
          graceMinutes: 60,
        },
        people.secretariat,
      ),
      201,
      "createBallot",
    );
    await json(await hub().api("POST", `/api/ballots/${draft.id}/open`, undefined, people.secretariat), 200, "open");
    const regionId = await waitFor(
      async () => {
        const { ballots } = await json<{ ballots: { id: string; uri: string }[] }>(
          await europe().api("GET", "/api/ballots"),
          200,
          "listBallots",
        );
        return ballots.find((b) => b.uri === draft.uri)?.id;
      },
      { what: "Europe to receive the new ballot", timeoutMs: 30_000 },
    );
    const cast = await json<{ id: string }>(
      await europe().api(
        "POST",
        `/api/ballots/${regionId}/votes`,
        { choice: { kind: "options", optionIds: ["yes"] } },
        people.rep.BE,
      ),
      202,
      "castVote",
    );
    const delivered = await waitFor(
      async () => {
        const vote = await json<{ status: string; receipt: string | null }>(
          await europe().api("GET", `/api/ballots/${regionId}/votes/${cast.id}`, undefined, people.rep.BE),
          200,
          "getVoteReceipt",
        );
        return vote.status === "delivered" ? vote : undefined;
      },
      { what: "the hub's receipt of the new vote", timeoutMs: 30_000 },
    );
    expect(delivered.receipt).toMatch(/^[0-9a-f]{64}$/);
    const live = await json<{ turnout: { regionCode: string; voted: number; electorate: number }[] }>(
      await hub().api("GET", `/api/ballots/${draft.id}`, undefined, people.secretariat),
      200,
      "getBallot",
    );
    expect(live.turnout).toEqual([{ regionCode: "EU", voted: 1, electorate: 2 }]);

    // Europe signed with the keys it had (sealed under its node secret), the hub checked them
    // against the keys it pinned before the upgrade, and refused nothing.
    expect(await ownKeys(europe().database)).toEqual(europeKeysBefore);
    expect(pinnedBefore.size).toBeGreaterThan(0);
    const pinnedAfter = await pinnedKeys(hub().database, network.nodes[1]?.origin ?? "");
    for (const [id, value] of pinnedBefore) expect(pinnedAfter.get(id), id).toBe(value);
    const status = await json<{ refusals: unknown[] }>(
      await hub().api("GET", "/api/delivery-status"),
      200,
      "getDeliveryStatus",
    );
    expect(status.refusals).toEqual([]);
  }, 60_000);
});
