import { createReceivedRepo } from "@dynamo/federation";
import { testDriver, waitFor } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson, type BallotNode } from "../ballots/harness.ts";
import { type BallotNetwork, castVote, HOUR, MINUTE, startBallotNetwork, yes } from "../ballots/scenario.ts";
import {
  type AmendmentJson,
  amendmentAt,
  currentVersion,
  json,
  seed,
  sendUnchecked,
  type VersionJson,
  waitForState,
  waitForVersion,
} from "./support.ts";

let net: BallotNetwork;
let member: { africa: string; europe: string };

beforeAll(async () => {
  net = await startBallotNetwork({ hub: "127.0.0.60", europe: "127.0.0.61", africa: "127.0.0.62" });
  member = {
    africa: await addPerson(net.africa, { email: "ama@af.test", roles: ["member"], name: "Ama (Dakar)" }),
    europe: await addPerson(net.europe, { email: "joao@eu.test", roles: ["member"], name: "João (Lisboa)" }),
  };
}, 180_000);
afterAll(async () => {
  await net?.close();
});

/** The region's copy of a hub ballot, by its URI. */
async function regionBallotId(region: BallotNode, uri: string): Promise<string> {
  let id = "";
  await waitFor(
    async () => {
      const { ballots } = (await (await region.api("GET", "/api/ballots")).json()) as {
        ballots: { id: string; uri: string }[];
      };
      id = ballots.find((b) => b.uri === uri)?.id ?? "";
      return id !== "";
    },
    { what: `${region.spec.slug} to receive ballot ${uri}`, timeoutMs: 20_000 },
  );
  return id;
}

/** Every platform of both regions votes yes on each ballot; the ballots close and are counted. */
async function voteYesAndClose(...uris: string[]) {
  for (const uri of uris) {
    const europe = await regionBallotId(net.europe, uri);
    const africa = await regionBallotId(net.africa, uri);
    for (const [region, id, email] of [
      [net.europe, europe, net.rep.BE],
      [net.europe, europe, net.rep.FR],
      [net.africa, africa, net.rep.SN],
      [net.africa, africa, net.rep.CM],
    ] as const) {
      expect((await castVote(region, id, email, yes)).status).toBe(202);
    }
    await waitFor(
      async () => {
        const ballot = (await (await net.hub.api("GET", "/api/ballots", undefined, net.secretariat)).json()) as {
          ballots: { uri: string; turnout?: unknown }[];
        };
        const hubBallot = ballot.ballots.find((b) => b.uri === uri) as { id: string } | undefined;
        if (hubBallot === undefined) return false;
        const view = (await (
          await net.hub.api("GET", `/api/ballots/${hubBallot.id}`, undefined, net.secretariat)
        ).json()) as {
          turnout: { voted: number }[];
        };
        return view.turnout.reduce((n, r) => n + r.voted, 0) === 4;
      },
      { what: "the hub to receive the four votes", timeoutMs: 30_000 },
    );
  }
  net.advanceAll(2 * HOUR + MINUTE);
}

const propose = (node: BallotNode, email: string, body: unknown) =>
  node.api("POST", "/api/rules/international/amendments", body, email);

describe(`an amendment of the international ROI across the hub and two regions (${testDriver()})`, () => {
  let v1: VersionJson;
  let fromAfrica: AmendmentJson;
  let fromEurope: AmendmentJson;

  it("imports the ROI at the hub from Markdown and every region keeps version 1, signed and chained", async () => {
    // Refused before anything: nobody without a session, a member cannot import, a region
    // cannot import the international ROI.
    const anonymous = await fetch(`${net.hub.origin}/api/rules/international/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(anonymous.status).toBe(401);
    expect((await fetch(`${net.africa.origin}/api/amendments`)).status).toBe(401);
    const markdown = { en: seed("international.en.md"), fr: seed("international.fr.md") };
    expect((await net.africa.api("POST", "/api/rules/international/import", { markdown }, member.africa)).status).toBe(
      403,
    );
    const imported = await json<VersionJson>(
      await net.hub.api("POST", "/api/rules/international/import", { markdown }, net.secretariat),
      201,
      "importRules",
    );
    expect(imported.number).toBe(1);
    expect(imported.sections.map((s) => [s.number, s.articles.length])).toEqual([
      ["I", 2],
      ["II", 2],
      ["III", 3],
      ["IV", 1],
    ]);
    expect(imported.previousHash).toBeNull();
    // A second import is refused: the text changes by amendment only.
    const again = await net.hub.api("POST", "/api/rules/international/import", { markdown }, net.secretariat);
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toContain("application/problem+json");

    for (const region of [net.europe, net.africa]) {
      const kept = await waitForVersion(region, "international", 1);
      expect(kept.hash).toBe(imported.hash);
    }
    v1 = imported;
    // Shown in Portuguese, missing there: the English wording, marked as missing.
    const pt = await json<VersionJson>(
      await fetch(`${net.africa.origin}/api/rules/international/versions/current`, {
        headers: {
          authorization: `Bearer ${await net.africa.token(member.africa)}`,
          "accept-language": "pt",
        },
      }),
      200,
      "getRulesVersion",
    );
    expect(pt.sections[1]?.articles[0]?.shown).toMatchObject({ locale: "en", missing: true });
  }, 60_000);

  it("takes a member of Africa's amendment to the hub, signed by Africa, and every region sees it", async () => {
    const article = v1.sections[1]?.articles[0];
    if (article === undefined) throw new Error("no article 3");
    fromAfrica = await json<AmendmentJson>(
      await propose(net.africa, member.africa, {
        operations: [
          {
            op: "replace",
            articleId: article.id,
            wording: {
              fr: "Le Groupe pilote international est l'instance décisionnelle du Réseau international. Il réunit chaque année tous les représentant·e·s des plateformes nationales.",
              pt: "O Grupo Piloto Internacional é o órgão de decisão da Rede. Reúne-se todos os anos.",
            },
          },
        ],
        rationale: "Une réunion annuelle renforce la participation.",
      }),
      201,
      "proposeAmendment",
    );
    expect(fromAfrica).toMatchObject({
      state: "submitted",
      baseVersion: 1,
      author: { regionCode: "AF", name: "Ama (Dakar)" },
    });
    const atHub = await waitForState(net.hub, fromAfrica.id, "submitted");
    expect(atHub.author.regionCode).toBe("AF");
    await waitForState(net.europe, fromAfrica.id, "submitted");

    // A member of Europe amends the same article: both are shown as conflicting.
    fromEurope = await json<AmendmentJson>(
      await propose(net.europe, member.europe, {
        operations: [{ op: "replace", articleId: article.id, wording: { en: "The IPG meets every three years." } }],
        rationale: "Cost.",
      }),
      201,
      "proposeAmendment",
    );
    await waitForState(net.hub, fromEurope.id, "submitted");
    const list = await json<{ amendments: AmendmentJson[] }>(
      await net.hub.api("GET", "/api/amendments?textKey=international", undefined, net.secretariat),
      200,
      "listAmendments",
    );
    expect(list.amendments.find((a) => a.id === fromAfrica.id)?.conflictsWith).toEqual([fromEurope.id]);
    await waitFor(
      async () => (await amendmentAt(net.africa, fromEurope.id))?.conflictsWith.includes(fromAfrica.id) === true,
      {
        what: "Africa to see the conflicting amendment",
        timeoutMs: 20_000,
      },
    );

    // Bad input and the wrong people: refused, nothing changed.
    const unknown = await propose(net.africa, member.africa, {
      operations: [{ op: "delete", articleId: "art-999" }],
      rationale: "x",
    });
    expect(unknown.status).toBe(422);
    expect((await propose(net.africa, member.africa, { operations: [], rationale: "x" })).status).toBe(400);
    expect(
      (await net.europe.api("POST", `/api/amendments/${fromAfrica.id}/withdraw`, undefined, member.europe)).status,
    ).toBe(403);
    expect(
      (
        await net.africa.api(
          "POST",
          `/api/amendments/${fromAfrica.id}/admissibility`,
          { admissible: true },
          member.africa,
        )
      ).status,
    ).toBe(403);
  }, 60_000);

  it("is found admissible and scheduled by the secretariat, voted by the regions, adopted by the ballot's close, applied, and in force everywhere", async () => {
    const notAdmissibleWithoutReason = await net.hub.api(
      "POST",
      `/api/amendments/${fromAfrica.id}/admissibility`,
      { admissible: false, reason: "" },
      net.secretariat,
    );
    expect(notAdmissibleWithoutReason.status).toBe(400);
    for (const id of [fromAfrica.id, fromEurope.id]) {
      await json(
        await net.hub.api("POST", `/api/amendments/${id}/admissibility`, { admissible: true }, net.secretariat),
        200,
        "decideAdmissibility",
      );
    }
    const closesAt = new Date(net.hub.now().getTime() + HOUR).toISOString();
    const scheduled = await json<AmendmentJson>(
      await net.hub.api(
        "POST",
        `/api/amendments/${fromAfrica.id}/schedule`,
        { closesAt, graceMinutes: 60 },
        net.secretariat,
      ),
      200,
      "scheduleAmendment",
    );
    expect(scheduled.state).toBe("scheduled");
    expect(scheduled.ballotUri).toMatch(/\/ballots\//);
    // The author can no longer withdraw it.
    await waitForState(net.africa, fromAfrica.id, "scheduled");
    const late = await net.africa.api("POST", `/api/amendments/${fromAfrica.id}/withdraw`, undefined, member.africa);
    expect(late.status).toBe(409);
    // The ballot's text shows the amendment with its diff.
    const regionBallot = await regionBallotId(net.europe, scheduled.ballotUri ?? "");
    const ballot = (await (
      await net.europe.api("GET", `/api/ballots/${regionBallot}`, undefined, net.rep.BE)
    ).json()) as {
      description: string;
    };
    expect(JSON.stringify(ballot)).toMatch(/\{\+[^+]*chaque année[^+]*\+\}/);

    await voteYesAndClose(scheduled.ballotUri ?? "");
    const adopted = await waitForState(net.hub, fromAfrica.id, "adopted");
    expect(adopted.ballotId).toBe(scheduled.ballotId);
    await waitForState(net.africa, fromAfrica.id, "adopted");

    // Africa is offline when the secretariat applies it: it catches up when it comes back.
    await net.africa.down();
    const applied = await json<{ amendment: AmendmentJson; version: { number: number; hash: string } }>(
      await net.hub.api("POST", `/api/amendments/${fromAfrica.id}/apply`, {}, net.secretariat),
      200,
      "applyAmendment",
    );
    expect(applied.version.number).toBe(2);
    expect(applied.amendment).toMatchObject({ state: "applied", appliedVersion: 2 });
    const atEurope = await waitForVersion(net.europe, "international", 2);
    expect(atEurope).toMatchObject({
      hash: applied.version.hash,
      previousHash: v1.hash,
      ballotUri: scheduled.ballotUri,
    });
    await net.africa.up();
    const atAfrica = await waitForVersion(net.africa, "international", 2);
    expect(atAfrica.hash).toBe(applied.version.hash);
    await waitForState(net.africa, fromAfrica.id, "applied");

    // The diff, word by word, at a region; the article's history names the amendment and its ballot.
    const compared = await json<{
      changes: { articleId: string; change: string; parts: { kind: string; text: string }[] }[];
    }>(
      await net.africa.api("GET", "/api/rules/international/compare?from=1&to=2", undefined, member.africa),
      200,
      "compareRulesVersions",
    );
    const articleId = v1.sections[1]?.articles[0]?.id ?? "";
    const changed = compared.changes.filter((c) => c.change !== "same");
    expect(changed.map((c) => c.articleId)).toEqual([articleId]);
    const history = await json<{
      entries: { version: number; change: string; ballotUri: string | null; amendments: { id: string }[] }[];
    }>(
      await net.europe.api("GET", `/api/rules/international/articles/${articleId}/history`, undefined, member.europe),
      200,
      "getArticleHistory",
    );
    expect(history.entries.map((e) => [e.version, e.change, e.ballotUri, e.amendments.map((a) => a.id)])).toEqual([
      [1, "created", null, []],
      [2, "changed", scheduled.ballotUri, [fromAfrica.id]],
    ]);
    const markdown = await net.europe.api(
      "GET",
      "/api/rules/international/versions/2?format=markdown",
      undefined,
      member.europe,
    );
    expect(markdown.headers.get("content-type")).toContain("text/markdown");
    expect(await markdown.text()).toContain("**Art. 3.**");
  }, 150_000);

  it("refuses to schedule a stale amendment until its author rebases it", async () => {
    const stale = await net.hub.api("POST", `/api/amendments/${fromEurope.id}/schedule`, {}, net.secretariat);
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { type: string }).type).toBe("urn:dynamo:problem:amendment-stale");
    const atEurope = await waitFor(async () => (await amendmentAt(net.europe, fromEurope.id))?.stale === true, {
      what: "Europe to see its amendment stale",
      timeoutMs: 20_000,
    });
    expect(atEurope).toBe(true);
    const detail = (await (
      await net.europe.api("GET", `/api/amendments/${fromEurope.id}`, undefined, member.europe)
    ).json()) as {
      inForceNow: { wording: Record<string, string> }[];
    };
    expect(detail.inForceNow[0]?.wording.fr).toContain("chaque année");
    const articleId = v1.sections[1]?.articles[0]?.id ?? "";
    await json(
      await net.europe.api(
        "POST",
        `/api/amendments/${fromEurope.id}/rebase`,
        {
          operations: [{ op: "replace", articleId, wording: { en: "The IPG meets every three years, by rotation." } }],
        },
        member.europe,
      ),
      200,
      "rebaseAmendment",
    );
    const rebased = await waitForState(net.hub, fromEurope.id, "admissible", 2);
    expect(rebased).toMatchObject({ baseVersion: 2, stale: false });
    await json(
      await net.hub.api("POST", `/api/amendments/${fromEurope.id}/schedule`, {}, net.secretariat),
      200,
      "scheduleAmendment",
    );
  }, 60_000);

  it("refuses and records a forged amendment and a forged version, changing nothing", async () => {
    const articleId = v1.sections[0]?.articles[0]?.id ?? "";
    const proposal = {
      type: "AmendmentProposal",
      amendmentId: crypto.randomUUID(),
      textKey: "international",
      baseVersion: 2,
      operations: [{ op: "delete", articleId }],
      rationale: "forged",
      revision: 1,
      proposedAt: new Date().toISOString(),
    };
    // Europe speaks for a member of Africa.
    const impostor = await sendUnchecked(net.europe, "hub", {
      ...proposal,
      author: { personId: "x", name: "Someone", regionCode: "AF" },
    });
    // Changed after Europe signed it.
    const tampered = await sendUnchecked(
      net.europe,
      "hub",
      { ...proposal, amendmentId: crypto.randomUUID(), author: { personId: "y", name: "João", regionCode: "EU" } },
      (signed) => ({ ...signed, rationale: "changed after signing" }),
    );
    // The hub signs a chain whose text was changed without its hashes.
    const versions = (await (await net.hub.api("GET", "/api/rules", undefined, net.secretariat)).json()) as {
      texts: { textKey: string; versions: { number: number }[] }[];
    };
    expect(versions.texts.find((t) => t.textKey === "international")?.versions.length).toBe(2);
    const hubV2 = await currentVersion(net.hub, "international");
    const forgedChain = await sendUnchecked(net.hub, "regions", {
      type: "RulesChain",
      textKey: "international",
      publishedAt: new Date().toISOString(),
      versions: [1, 2].map((n) => ({
        textKey: "international",
        number: n,
        text: { title: { en: "Forged" }, sections: [] },
        inForceSince: new Date().toISOString(),
        ballotId: null,
        ballotUri: null,
        amendmentIds: [],
        previousHash: n === 1 ? null : v1.hash,
        hash: n === 1 ? v1.hash : (hubV2?.hash ?? ""),
      })),
    });
    const refusals = async (node: BallotNode) => createReceivedRepo(node.database.db, node.tenant.id).refusals(200);
    await waitFor(
      async () => {
        const found = (await refusals(net.hub)).map((r) => r.activityId);
        return found.includes(impostor) && found.includes(tampered);
      },
      { what: "the hub to refuse both forged amendments", timeoutMs: 30_000 },
    );
    const atHub = await refusals(net.hub);
    expect(atHub.find((r) => r.activityId === impostor)).toMatchObject({
      reason: "author-not-of-sender",
      type: "AmendmentProposal",
    });
    expect(atHub.find((r) => r.activityId === tampered)).toMatchObject({ reason: "bad-proof" });
    for (const region of [net.europe, net.africa]) {
      await waitFor(async () => (await refusals(region)).some((r) => r.activityId === forgedChain), {
        what: `${region.spec.slug} to refuse the forged chain`,
        timeoutMs: 30_000,
      });
      expect((await refusals(region)).find((r) => r.activityId === forgedChain)).toMatchObject({
        reason: "chain-hash-mismatch",
        type: "RulesChain",
      });
      expect((await currentVersion(region, "international"))?.hash).toBe(hubV2?.hash);
    }
    const list = (await (await net.hub.api("GET", "/api/amendments", undefined, net.secretariat)).json()) as {
      amendments: AmendmentJson[];
    };
    expect(list.amendments.map((a) => a.id).sort()).toEqual([fromAfrica.id, fromEurope.id].sort());
  }, 90_000);

  it("never merges two adopted amendments of one article silently: the secretariat's resolution is recorded and its version reaches the regions", async () => {
    const article = v1.sections[2]?.articles[0];
    if (article === undefined) throw new Error("no article 5");
    const first = await json<AmendmentJson>(
      await propose(net.africa, member.africa, {
        operations: [
          {
            op: "replace",
            articleId: article.id,
            wording: {
              fr: "Le Réseau s'organise en quatre coordinations régionales autonomes, qui se réunissent chaque année.",
            },
          },
        ],
        rationale: "Une réunion régionale annuelle.",
      }),
      201,
      "proposeAmendment",
    );
    const second = await json<AmendmentJson>(
      await propose(net.europe, member.europe, {
        operations: [
          {
            op: "replace",
            articleId: article.id,
            wording: {
              en: "The Network is organised in four autonomous regional coordinations, with a rotating chair.",
            },
          },
        ],
        rationale: "A rotating chair.",
      }),
      201,
      "proposeAmendment",
    );
    const scheduled: AmendmentJson[] = [];
    const closesAt = new Date(net.hub.now().getTime() + HOUR).toISOString();
    for (const amendment of [first, second]) {
      await waitForState(net.hub, amendment.id, "submitted");
      await json(
        await net.hub.api(
          "POST",
          `/api/amendments/${amendment.id}/admissibility`,
          { admissible: true },
          net.secretariat,
        ),
        200,
        "decideAdmissibility",
      );
      scheduled.push(
        await json<AmendmentJson>(
          await net.hub.api(
            "POST",
            `/api/amendments/${amendment.id}/schedule`,
            { closesAt, graceMinutes: 60 },
            net.secretariat,
          ),
          200,
          "scheduleAmendment",
        ),
      );
    }
    // Both on version 2, both on the IPG's agenda: shown as conflicting to the secretariat.
    const listed = await json<{ amendments: AmendmentJson[] }>(
      await net.hub.api("GET", "/api/amendments?textKey=international", undefined, net.secretariat),
      200,
      "listAmendments",
    );
    expect(listed.amendments.find((a) => a.id === first.id)?.conflictsWith).toEqual([second.id]);
    await voteYesAndClose(...scheduled.map((a) => a.ballotUri ?? ""));
    for (const amendment of [first, second]) await waitForState(net.hub, amendment.id, "adopted");

    const applied = await json<{ version: { number: number } }>(
      await net.hub.api("POST", `/api/amendments/${first.id}/apply`, {}, net.secretariat),
      200,
      "applyAmendment",
    );
    expect(applied.version.number).toBe(3);
    // The second was adopted on version 2, now superseded: without the secretariat's wording and
    // note it is refused, and nothing changes.
    for (const body of [
      {},
      { resolution: { operations: [{ op: "replace", articleId: article.id, wording: { en: "x" } }], note: " " } },
    ]) {
      const refused = await net.hub.api("POST", `/api/amendments/${second.id}/apply`, body, net.secretariat);
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { type: string }).type).toBe("urn:dynamo:problem:amendment-stale");
    }
    expect((await currentVersion(net.hub, "international"))?.number).toBe(3);
    expect((await amendmentAt(net.hub, second.id))?.state).toBe("adopted");

    const note =
      "Both adopted by the IPG: Africa's French wording is kept, Europe's rotating chair is added in English.";
    const wording = {
      fr: "Le Réseau s'organise en quatre coordinations régionales autonomes, qui se réunissent chaque année.",
      en: "The Network is organised in four autonomous regional coordinations, which meet every year, with a rotating chair.",
    };
    const resolved = await json<{ amendment: AmendmentJson; version: { number: number; hash: string } }>(
      await net.hub.api(
        "POST",
        `/api/amendments/${second.id}/apply`,
        { resolution: { operations: [{ op: "replace", articleId: article.id, wording }], note } },
        net.secretariat,
      ),
      200,
      "applyAmendment",
    );
    expect(resolved.version.number).toBe(4);
    expect(resolved.amendment).toMatchObject({ state: "applied", appliedVersion: 4, reason: note });

    // Every region keeps version 4 with the resolved wording, and sees the resolution recorded.
    for (const region of [net.europe, net.africa]) {
      const kept = await waitForVersion(region, "international", 4);
      expect(kept.hash).toBe(resolved.version.hash);
      const shown = kept.sections.flatMap((s) => s.articles).find((a) => a.id === article.id);
      expect(shown?.wording).toMatchObject(wording);
      const seen = await waitForState(region, second.id, "applied");
      expect(seen).toMatchObject({ reason: note, appliedVersion: 4 });
    }
    const history = await json<{
      entries: { version: number; change: string; ballotUri: string | null; amendments: { id: string }[] }[];
    }>(
      await net.africa.api("GET", `/api/rules/international/articles/${article.id}/history`, undefined, member.africa),
      200,
      "getArticleHistory",
    );
    expect(history.entries.map((e) => [e.version, e.change, e.ballotUri, e.amendments.map((a) => a.id)])).toEqual([
      [1, "created", null, []],
      [3, "changed", scheduled[0]?.ballotUri, [first.id]],
      [4, "changed", scheduled[1]?.ballotUri, [second.id]],
    ]);
  }, 150_000);
});
