import { areas } from "@dynamo/areas";
import type { Tenant } from "@dynamo/core";
import { createPeerRepo } from "@dynamo/federation";
import type { AreaKernel } from "@dynamo/node";
import { createIndicatorDefinitionRepo, createReportsArea, type IndicatorDefinition } from "@dynamo/reports";
import { type TestDatabase, waitFor } from "@dynamo/testing";
import type { PdfRenderer } from "@dynamo/web";
import { buildTestNode, prepareTestNode, serveTestNode, TEST_PASSWORD, testApiClient } from "../support/test-node.ts";

export const PASSWORD = TEST_PASSWORD;

export interface ReportNodeSpec {
  kind: "region" | "hub";
  slug: string;
  address: string;
  regionCode?: "AF" | "AM" | "AS" | "EU";
}

/**
 * A node as main.ts builds it (the network layer with the reports area attached), on its own
 * database and loopback address, over real HTTP with real signatures. Its reports clock can be
 * moved (`advance`); it can go down and come back on the same address and database, as a node
 * whose connection was cut.
 */
export interface ReportNode {
  spec: ReportNodeSpec;
  database: TestDatabase;
  tenant: Tenant;
  origin: string;
  actorUrl: string;
  kernel(): AreaKernel;
  advance(ms: number): void;
  now(): Date;
  api(
    method: string,
    path: string,
    body?: unknown,
    email?: string,
    headers?: Record<string, string>,
  ): Promise<Response>;
  adminEmail: string;
  up(): Promise<void>;
  down(): Promise<void>;
  close(): Promise<void>;
}

/** How the node prints PDFs (as main.ts gives it the machine's Chromium); none when absent. */
export interface ReportNodeOptions {
  pdf?: PdfRenderer;
}

export async function startReportNode(spec: ReportNodeSpec, options: ReportNodeOptions = {}): Promise<ReportNode> {
  const prepared = await prepareTestNode({ ...spec, names: { en: `${spec.slug} (test)` } });
  const { database, port, origin, tenant, adminEmail } = prepared;
  const client = testApiClient(origin, adminEmail);
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);
  let running: { kernel: AreaKernel; stop: () => Promise<void> } | undefined;

  async function up() {
    if (running) return;
    // As main.ts builds it, the reports area printing through the renderer the test gives.
    const withPdf = areas.map((area) =>
      area.name === "reports" && options.pdf ? createReportsArea({ pdf: options.pdf }) : area,
    );
    const built = buildTestNode(prepared, spec.kind, { clocks: { reports: clock }, areas: withPdf });
    const stopServer = serveTestNode(spec.address, port, built.app.fetch);
    const stopWorkers = built.start();
    running = {
      kernel: built.kernel,
      stop: async () => {
        await stopServer();
        await stopWorkers();
      },
    };
  }

  const node: ReportNode = {
    spec,
    database,
    tenant,
    origin,
    actorUrl: `${origin}/ap/actors/${spec.slug}`,
    adminEmail,
    kernel: () => {
      if (!running) throw new Error(`${spec.slug} is down`);
      return running.kernel;
    },
    advance: (ms) => {
      offset += ms;
    },
    now: clock,
    api: client.api,
    up,
    async down() {
      const current = running;
      running = undefined;
      await current?.stop();
    },
    async close() {
      await node.down();
      await database.close();
    },
  };
  await up();
  return node;
}

export async function expectStatus<T = unknown>(response: Response, status: number, what: string): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${text}`);
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

/** A region asks the hub to peer, the hub's admin approves, and the hub learns the region's code from its roster. */
export async function peerWithHub(region: ReportNode, hub: ReportNode): Promise<void> {
  await expectStatus(await region.api("POST", "/api/peers", { actor: hub.actorUrl }), 202, "requestPeering");
  const state = async (node: ReportNode, actor: string) =>
    (await createPeerRepo(node.database.db, node.tenant.id).find(actor))?.state;
  await waitFor(async () => (await state(hub, region.actorUrl)) === "requested", {
    what: `the hub to record ${region.spec.slug}'s request`,
    timeoutMs: 20_000,
  });
  await expectStatus(
    await hub.api("POST", "/api/peers/decision", { actor: region.actorUrl, decision: "approve" }),
    200,
    "decidePeering",
  );
  await waitFor(async () => (await state(region, hub.actorUrl)) === "active", {
    what: `${region.spec.slug} to see the hub's Accept`,
    timeoutMs: 20_000,
  });
  await waitFor(
    async () =>
      (await createPeerRepo(hub.database.db, hub.tenant.id).find(region.actorUrl))?.regionCode ===
      region.spec.regionCode,
    { what: `the hub to learn ${region.spec.slug}'s region from its roster`, timeoutMs: 20_000 },
  );
}

export async function addPlatform(region: ReportNode, countryCode: string): Promise<string> {
  const created = await expectStatus<{ id: string }>(
    await region.api("POST", "/api/platforms", {
      countryCode,
      names: { en: `Platform ${countryCode}`, fr: `Plateforme ${countryCode}` },
      status: "active",
      joinedOn: "2019-05-01",
      reason: "test",
    }),
    201,
    "createPlatform",
  );
  return created.id;
}

/** Invites a person through the API and sets their password through the invitation link. */
export async function addPerson(
  node: ReportNode,
  input: { email: string; roles: string[]; platformId?: string },
): Promise<string> {
  const invited = await expectStatus<{ link: { url: string } }>(
    await node.api("POST", "/api/invitations", {
      email: input.email,
      displayName: input.email.split("@")[0],
      roles: input.roles,
      locale: "en",
      ...(input.platformId ? { platformId: input.platformId, platformSeat: "representative" } : {}),
    }),
    201,
    "invite",
  );
  const token = new URL(invited.link.url).searchParams.get("token");
  await expectStatus(
    await fetch(`${node.origin}/api/invitations/accept`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, password: PASSWORD }),
    }),
    200,
    "acceptInvitation",
  );
  return input.email;
}

/**
 * An indicator definition for a test: version 1, in people, summed, no breakdown, not
 * sensitive, comparable with no other version, unless the test says otherwise.
 */
export function indicatorDefinition(
  d: Partial<IndicatorDefinition> & Pick<IndicatorDefinition, "key" | "cycles">,
): IndicatorDefinition {
  return {
    version: 1,
    labels: { en: d.key },
    unit: "people",
    aggregation: "sum",
    breakdown: { kind: "none" },
    sensitive: false,
    comparableWith: [],
    ...d,
  };
}

export async function defineIndicators(node: ReportNode, definitions: IndicatorDefinition[]): Promise<void> {
  for (const d of definitions) await createIndicatorDefinitionRepo(node.database.db, node.tenant.id).put(d, new Date());
}

/** The messages a node refused (who sent them, which activity, why), as its admin reads them: getDeliveryStatus. */
export async function refusalsOf(node: ReportNode) {
  const status = await expectStatus<{
    refusals: {
      actorId: string | null;
      activityId: string | null;
      type: string | null;
      reason: string;
      detail: string | null;
    }[];
  }>(await node.api("GET", "/api/delivery-status"), 200, "getDeliveryStatus");
  return status.refusals;
}
