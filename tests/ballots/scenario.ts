import { waitFor } from "@dynamo/testing";
import type { OpenApiDocument } from "../security/openapi-arbitraries.ts";
import { createAnswerCheck } from "../security/response-validator.ts";

export { COLLECTION_MS } from "@dynamo/ballots";

import { addPerson, addPlatform, type BallotNode, peerWithHub, startBallotNode, waitForRoster } from "./harness.ts";

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/**
 * The network of the ballot scenarios: the hub with its IPG secretariat, Europe (Belgium,
 * France, and Portugal suspended) and Africa (Senegal, Cameroon), both peered with the hub, and
 * each platform's representative.
 */
export interface BallotNetwork {
  hub: BallotNode;
  europe: BallotNode;
  africa: BallotNode;
  secretariat: string;
  rep: Record<"BE" | "FR" | "PT" | "SN" | "CM", string>;
  platforms: Record<"BE" | "FR" | "PT" | "SN" | "CM", string>;
  /** Moves every node's ballots clock forward together. */
  advanceAll(ms: number): void;
  close(): Promise<void>;
}

export async function startBallotNetwork(addresses: {
  hub: string;
  europe: string;
  africa: string;
}): Promise<BallotNetwork> {
  const hub = await startBallotNode({ kind: "hub", slug: "hub", address: addresses.hub });
  const europe = await startBallotNode({ kind: "region", slug: "europe", address: addresses.europe, regionCode: "EU" });
  const africa = await startBallotNode({ kind: "region", slug: "africa", address: addresses.africa, regionCode: "AF" });
  await peerWithHub(europe, hub);
  await peerWithHub(africa, hub);
  const be = await addPlatform(europe, "BE");
  const fr = await addPlatform(europe, "FR");
  const pt = await addPlatform(europe, "PT", "suspended");
  const sn = await addPlatform(africa, "SN");
  const cm = await addPlatform(africa, "CM");
  const rep = {
    BE: await addPerson(europe, {
      email: "rep@be.test",
      roles: ["platform_representative"],
      platformId: be.id,
      name: "Ana (BE)",
    }),
    FR: await addPerson(europe, { email: "rep@fr.test", roles: ["platform_representative"], platformId: fr.id }),
    PT: await addPerson(europe, { email: "rep@pt.test", roles: ["platform_representative"], platformId: pt.id }),
    SN: await addPerson(africa, { email: "rep@sn.test", roles: ["platform_representative"], platformId: sn.id }),
    CM: await addPerson(africa, { email: "rep@cm.test", roles: ["platform_representative"], platformId: cm.id }),
  };
  const secretariat = await addPerson(hub, {
    email: "secretariat@hub.test",
    roles: ["ipg_secretariat"],
    name: "IPG secretariat",
  });
  await waitForRoster(hub, ["BE", "FR", "SN", "CM"]);
  return {
    hub,
    europe,
    africa,
    secretariat,
    rep,
    platforms: { BE: be.id, FR: fr.id, PT: pt.id, SN: sn.id, CM: cm.id },
    advanceAll(ms) {
      for (const node of [hub, europe, africa]) node.advance(ms);
    },
    async close() {
      await Promise.all([hub, europe, africa].map((node) => node.close()));
    },
  };
}

export interface BallotJson {
  id: string;
  uri: string;
  status: string;
  phase: string;
  electorate: { platformId: string; regionCode: string }[] | null;
  turnout?: { regionCode: string; voted: number; electorate: number }[];
  verifiedBy?: number;
  disputedBy?: number;
  reception?: { asked: string[]; answers: { regionCode: string; votes: number }[] } | null;
  regions?: number;
  votes?: VoteJson[];
  result: {
    publication: {
      counts: { optionId: string; votes: number }[];
      votesCounted: number;
      electorateSize: number;
      outcome: string;
      chainHead: string | null;
      receipts: string[] | null;
      votes: { id: string }[] | null;
      reception: { asked: string[]; answers: { regionCode: string; votes: number }[] } | null;
    };
    verification: { agrees: boolean; problem: string | null } | null;
  } | null;
}

export interface VoteJson {
  id: string;
  activityId: string;
  status: string;
  refusal: { kind: string } | null;
  receipt: string | null;
}

/** Drafts and opens a ballot at the hub (closing `closesInMs` from the hub's now); waits until both regions have it. */
export async function openBallot(
  net: BallotNetwork,
  input: { closesInMs?: number; graceMs?: number; secrecy?: "roll-call" | "secret"; title?: string } = {},
): Promise<{ hubId: string; europeId: string; africaId: string; uri: string }> {
  const now = net.hub.now().getTime();
  const created = await net.hub.api(
    "POST",
    "/api/ballots",
    {
      title: { en: input.title ?? "Adopt the 2027 budget?", fr: "Adopter le budget 2027 ?" },
      description: { en: "The budget as presented by the technical team." },
      rules: {
        options: { kind: "yes-no" },
        majority: { kind: "simple" },
        abstentions: "excluded",
        blanks: "excluded",
        quorum: null,
        maxProxiesPerHolder: 1,
        substitutesAllowed: true,
        secrecy: input.secrecy ?? "roll-call",
      },
      opensAt: new Date(now - MINUTE).toISOString(),
      closesAt: new Date(now + (input.closesInMs ?? HOUR)).toISOString(),
      graceMinutes: (input.graceMs ?? HOUR) / MINUTE,
    },
    net.secretariat,
  );
  if (created.status !== 201) throw new Error(`createBallot: ${created.status} ${await created.text()}`);
  const draft = (await created.json()) as BallotJson;
  const opened = await net.hub.api("POST", `/api/ballots/${draft.id}/open`, undefined, net.secretariat);
  if (opened.status !== 200) throw new Error(`openBallot: ${opened.status} ${await opened.text()}`);
  const ids = { europeId: "", africaId: "" };
  for (const [region, key] of [
    [net.europe, "europeId"],
    [net.africa, "africaId"],
  ] as const) {
    await waitFor(
      async () => {
        const { ballots } = (await (await region.api("GET", "/api/ballots")).json()) as { ballots: BallotJson[] };
        const found = ballots.find((b) => b.uri === draft.uri);
        if (found) ids[key] = found.id;
        return found !== undefined;
      },
      { what: `${region.spec.slug} to receive the ballot`, timeoutMs: 20_000 },
    );
  }
  return { hubId: draft.id, uri: draft.uri, ...ids };
}

export async function castVote(
  region: BallotNode,
  ballotId: string,
  email: string,
  choice: unknown,
): Promise<Response> {
  return region.api("POST", `/api/ballots/${ballotId}/votes`, { choice }, email);
}

export async function ballotAt(node: BallotNode, ballotId: string, email?: string): Promise<BallotJson> {
  const response = await node.api("GET", `/api/ballots/${ballotId}`, undefined, email);
  if (response.status !== 200) throw new Error(`getBallot: ${response.status} ${await response.text()}`);
  return (await response.json()) as BallotJson;
}

export async function voteStatus(
  region: BallotNode,
  ballotId: string,
  voteId: string,
  email: string,
): Promise<VoteJson> {
  const response = await region.api("GET", `/api/ballots/${ballotId}/votes/${voteId}`, undefined, email);
  if (response.status !== 200) throw new Error(`getVoteReceipt: ${response.status} ${await response.text()}`);
  return (await response.json()) as VoteJson;
}

export const yes = { kind: "options", optionIds: ["yes"] };
export const no = { kind: "options", optionIds: ["no"] };

/** Checks answers of a node against the OpenAPI document it serves: what does not match, per operation. */
export async function answerCheck(
  node: BallotNode,
): Promise<(operationId: string, response: Response) => Promise<string[]>> {
  const response = await node.api("GET", "/api/openapi.json");
  if (response.status !== 200) throw new Error(`openapi.json: ${response.status}`);
  return createAnswerCheck((await response.json()) as OpenApiDocument);
}

/**
 * Reads each path as `email` and says, per operation, what of its answer the node's document does
 * not describe (a status other than 200 included): {} when every answer is a described 200.
 */
export async function undescribedReads(
  node: BallotNode,
  email: string | undefined,
  reads: readonly (readonly [operationId: string, path: string])[],
): Promise<Record<string, string[]>> {
  const check = await answerCheck(node);
  const found: Record<string, string[]> = {};
  for (const [operationId, path] of reads) {
    const response = await node.api("GET", path, undefined, email);
    const problems = await check(operationId, response);
    const all = response.status === 200 ? problems : [`status ${response.status}`, ...problems];
    if (all.length > 0) found[`${operationId} ${path}`] = all;
  }
  return found;
}

/** The reads of one ballot: the ballot, its result (once closed) and the list it is in. */
export const ballotReads = (id: string, withResult: boolean) =>
  [
    ["getBallot", `/api/ballots/${id}`],
    ["listBallots", "/api/ballots"],
    ...(withResult ? [["getBallotResult", `/api/ballots/${id}/result`] as const] : []),
  ] as const;
