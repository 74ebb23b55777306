import { createHash } from "node:crypto";
import {
  type Ballot,
  type BallotId,
  chainVotes,
  createBallotBox,
  defaultBallotRules,
  tallyBallot,
  type VoteId,
  type VoteRecord,
  verifyChain,
} from "@dynamo/ballots";
import type { CanonicalValue, CountryCode, RegionCode } from "@dynamo/core";
import { signJson, verifyJson } from "@dynamo/federation";
import { Multikey } from "@fedify/vocab";
import { ed25519OneThread, ed25519Pool } from "./ceilings.ts";
import { benchRepeats, printRatios, type Round, rateLine, ratios } from "./compare.ts";
import { type Measurement, measure, printTable } from "./harness.ts";

type SignedVote = { vote: VoteRecord; document: Record<string, unknown> };

const choiceOf = (vote: VoteRecord): CanonicalValue =>
  vote.choice.kind === "options"
    ? { kind: "options", optionIds: [...vote.choice.optionIds] }
    : { kind: vote.choice.kind };

/**
 * How long the hub takes to count and verify a ballot of BENCH_VOTES signed votes (100,000 by
 * default; 1,000 to 1,000,000), and how long a region takes to recompute it from the published
 * chain, each round against one thread's and every core's Ed25519 ceiling measured just before. Each vote is the signed vote document
 * the platforms' actors send (a Data Integrity proof, eddsa-jcs-2022), made and checked with the
 * functions the nodes use (federation's ballots vote-proof); only the key lookup, a cached fetch
 * of the platform actor's document on the nodes, is a map here.
 */
export async function benchBallotTally(
  voteCount = Number(process.env.BENCH_VOTES ?? 100_000),
  keyCount = Math.min(1_000, voteCount),
): Promise<void> {
  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
  const regions: RegionCode[] = ["AF", "AM", "AS", "EU"];
  const opensAt = new Date("2026-06-01T08:00:00Z");
  const ballot: Ballot = {
    id: "ballot-bench" as BallotId,
    question: { en: "Adopt the 2026 regional rules of procedure?" },
    rules: { ...defaultBallotRules(), maxProxiesPerHolder: 0 },
    opensAt,
    closesAt: new Date("2026-06-03T18:00:00Z"),
    graceMs: 24 * 3600 * 1000,
    electorate: Array.from({ length: voteCount }, (_, i) => ({
      platformId: `platform-${i}` as CountryCode,
      regionCode: regions[i % regions.length] as RegionCode,
    })),
  };

  // Not measured: the platforms' keys and their signed votes, as they arrive at the hub.
  const keys = await Promise.all(
    Array.from({ length: keyCount }, async (_, k) => ({
      keyId: `https://region.example/ap/actors/platform-${k}#multikey-2`,
      pair: (await crypto.subtle.generateKey("Ed25519", true, ["sign", "verify"])) as CryptoKeyPair,
    })),
  );
  const choices = ["yes", "yes", "no"] as const;
  const signed: SignedVote[] = [];
  for (let i = 0; i < voteCount; i++) {
    const vote: VoteRecord = {
      id: `vote-${i}` as VoteId,
      ballotId: ballot.id,
      platformId: `platform-${i}` as CountryCode,
      choice: i % 10 === 9 ? { kind: "abstain" } : { kind: "options", optionIds: [choices[i % 3] as string] },
      castBy: { kind: "representative" },
      signedAt: new Date(opensAt.getTime() + 1000 + i),
      receivedAt: new Date(opensAt.getTime() + 2000 + i),
    };
    const key = keys[i % keyCount] as (typeof keys)[number];
    const document = await signJson(
      {
        "@context": "https://dynamo.network/ns/ballots/v1",
        kind: "dynamo-vote/1",
        id: vote.id,
        actor: key.keyId.replace(/#.*$/, ""),
        ballot: "https://hub.example/ap/actors/hub/ballots/bench",
        platformId: vote.platformId,
        choice: choiceOf(vote),
        castBy: { kind: "representative" },
        signedAt: vote.signedAt.toISOString(),
      },
      { privateKey: key.pair.privateKey, keyId: key.keyId },
      vote.signedAt,
    );
    signed.push({ vote, document });
  }
  // Every key is known (as a node has its peers' keys cached): nothing is fetched.
  const multikeys = new Map(
    keys.map((k) => [
      k.keyId,
      new Multikey({
        id: new URL(k.keyId),
        controller: new URL(k.keyId.replace(/#.*$/, "")),
        publicKey: k.pair.publicKey,
      }),
    ]),
  );
  const refuse = async (url: string): Promise<never> => {
    throw new Error(`nothing is fetched in the benchmark (${url})`);
  };
  const loaders = {
    documentLoader: refuse,
    contextLoader: refuse,
    keyCache: { get: async (id: URL) => multikeys.get(id.href), set: async () => {} },
  };
  const verifyAll = async (votes: readonly SignedVote[]) =>
    Promise.all(votes.map(async (s) => (await verifyJson(s.document, loaders)).ok));

  const label = voteCount.toLocaleString("en");
  /** The hub's count and a region's recount, once: the steps' times, and how fast the hub verified. */
  const countOnce = async (results: Measurement[]) => {
    // The hub: check every vote's proof, pass every vote through the ballot box, count, chain.
    const verifiedAtHub = await measure(`hub: verify ${label} vote proofs (eddsa-jcs-2022)`, results, async () => {
      const ok = await verifyAll(signed);
      return signed.filter((_, i) => ok[i]);
    });
    const accepted = await measure("hub: ballot box (electorate, timing, options)", results, () => {
      const box = createBallotBox(ballot);
      return verifiedAtHub.filter((s) => box.accept(s.vote).ok).map((s) => s.vote);
    });
    const tally = await measure("hub: tally", results, () => tallyBallot(ballot, accepted));
    const chain = await measure("hub: chain the roll call (SHA-256)", results, () =>
      chainVotes(ballot.id, accepted, sha256),
    );

    // A region: recompute from what the hub published, with the same domain code.
    const regionTally = await measure("region: verify chain + vote proofs + recount", results, async () => {
      const head = verifyChain(chain, sha256);
      if (!head.ok) throw new Error(`chain refused: ${head.error.kind}`);
      const byPlatform = new Map(signed.map((s) => [s.vote.platformId, s]));
      const published = chain.links.map((link) => byPlatform.get(link.vote.platformId));
      const ok = await verifyAll(published.filter((s): s is SignedVote => s !== undefined));
      if (published.includes(undefined) || ok.includes(false)) throw new Error("a published vote's proof was refused");
      return tallyBallot(
        ballot,
        chain.links.map((l) => l.vote),
      );
    });

    if (tally.votesCounted !== voteCount || regionTally.outcome.kind !== tally.outcome.kind) {
      throw new Error("the benchmark's tally is wrong: the numbers below would mean nothing");
    }
    return tally;
  };

  // Interleaved with the ceilings, round after round: one thread's Ed25519 rate, every core's,
  // then the hub's count and the region's recount.
  const ceilingMs = Number(process.env.BENCH_CEILING_MS ?? 1000);
  const pool = await ed25519Pool();
  const rounds: Round[] = [];
  let first: Measurement[] = [];
  let tally: Awaited<ReturnType<typeof countOnce>> | undefined;
  try {
    for (let round = 0; round < benchRepeats(); round++) {
      const oneThread = ed25519OneThread(ceilingMs);
      const allCores = await pool.rate(ceilingMs);
      const results: Measurement[] = [];
      tally = await countOnce(results);
      const verifyMs = results[0]?.ms ?? Number.NaN;
      const endToEndMs = results.reduce((sum, r) => sum + r.ms, 0);
      rounds.push({
        "ed25519 one thread": oneThread,
        [`ed25519 ${pool.threads} threads`]: allCores,
        "hub verification": (voteCount / verifyMs) * 1000,
        "hub + region end to end": (voteCount / endToEndMs) * 1000,
      });
      if (round === 0) first = results;
    }
  } finally {
    await pool.close();
  }
  if (tally === undefined) return;
  const total = first.reduce((sum, r) => sum + r.ms, 0);
  printTable(`Ballot of ${label} signed votes (${keyCount} signing keys), first round`, first, [
    `outcome: ${tally.outcome.kind}, counted ${tally.votesCounted}, turnout ${tally.turnout.numerator}/${tally.turnout.denominator}`,
    `total ${Math.round(total)} ms (${Math.round((voteCount / total) * 1000).toLocaleString("en")} votes/s end to end)`,
  ]);
  printRatios(
    `ballot-tally: ${label} votes against the Ed25519 ceilings`,
    ratios(rounds, [
      { figure: "hub verification / one thread's Ed25519 ceiling", of: "hub verification", to: "ed25519 one thread" },
      {
        figure: `hub verification / ${pool.threads} threads' Ed25519 ceiling`,
        of: "hub verification",
        to: `ed25519 ${pool.threads} threads`,
      },
      {
        figure: `hub + region end to end / ${pool.threads} threads' ceiling`,
        of: "hub + region end to end",
        to: `ed25519 ${pool.threads} threads`,
      },
    ]),
    [
      rateLine(rounds, "hub verification", "votes/s"),
      rateLine(rounds, "hub + region end to end", "votes/s"),
      rateLine(rounds, "ed25519 one thread", "verifications/s"),
      rateLine(rounds, `ed25519 ${pool.threads} threads`, "verifications/s"),
    ],
  );
}
