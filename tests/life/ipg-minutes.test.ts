import { waitFor } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson, type BallotNode } from "../ballots/harness.ts";
import { type BallotNetwork, castVote, HOUR, MINUTE, no, startBallotNetwork, yes } from "../ballots/scenario.ts";

/**
 * The IPG's minutes across three nodes over real HTTP and signatures: the secretariat closes the
 * 2026 edition, drafts its minutes and puts them to an IPG ballot (the ballots area's own, voted by
 * the regions' platforms); rejected, they stay a draft at the hub and nowhere else; revised and
 * put again, adopted, they are published, the edition's status becomes "minutes approved", and a
 * member of a region reads them there, rendered from their Markdown.
 */
let net: BallotNetwork;
let editionId = "";

interface DocumentJson {
  id: string;
  kind: string;
  title: string;
  body: string;
  html: string;
  state: string;
  revision: number;
  ballotId: string | null;
  ballotUri: string | null;
  lastOutcome: string | null;
  publishedAt: string | null;
}

async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

const documentsAt = async (node: BallotNode, email?: string) => {
  const response = await node.api("GET", `/api/ipg/editions/${editionId}/documents`, undefined, email);
  if (response.status === 404) return undefined;
  return (await json<{ documents: DocumentJson[] }>(response, 200)).documents;
};
const minutesAtHub = async () =>
  (await documentsAt(net.hub, net.secretariat))?.find((d) => d.kind === "minutes") as DocumentJson;
const editionStatus = async () => {
  const { editions } = await json<{ editions: { id: string; status: string }[] }>(
    await net.hub.api("GET", "/api/ipg/editions", undefined, net.secretariat),
    200,
  );
  return editions.find((e) => e.id === editionId)?.status;
};

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

/** Every platform of both regions votes the same on the ballot; it closes and is counted. */
async function voteAndClose(uri: string, choice: unknown) {
  const europe = await regionBallotId(net.europe, uri);
  const africa = await regionBallotId(net.africa, uri);
  for (const [region, id, email] of [
    [net.europe, europe, net.rep.BE],
    [net.europe, europe, net.rep.FR],
    [net.africa, africa, net.rep.SN],
    [net.africa, africa, net.rep.CM],
  ] as const) {
    expect((await castVote(region, id, email, choice)).status).toBe(202);
  }
  await waitFor(
    async () => {
      const { ballots } = (await (await net.hub.api("GET", "/api/ballots", undefined, net.secretariat)).json()) as {
        ballots: { id: string; uri: string }[];
      };
      const hubBallot = ballots.find((b) => b.uri === uri);
      if (hubBallot === undefined) return false;
      const view = (await (
        await net.hub.api("GET", `/api/ballots/${hubBallot.id}`, undefined, net.secretariat)
      ).json()) as { turnout: { voted: number }[] };
      return view.turnout.reduce((n, r) => n + r.voted, 0) === 4;
    },
    { what: "the hub to receive the four votes", timeoutMs: 30_000 },
  );
  net.advanceAll(2 * HOUR + MINUTE);
}

const submit = (documentId: string) =>
  net.hub.api(
    "POST",
    `/api/ipg/editions/${editionId}/documents/${documentId}/ballot`,
    { closesAt: new Date(net.hub.now().getTime() + HOUR).toISOString(), graceMinutes: 60 },
    net.secretariat,
  );

beforeAll(async () => {
  net = await startBallotNetwork({ hub: "127.0.0.150", europe: "127.0.0.151", africa: "127.0.0.152" });
  await addPerson(net.africa, { email: "ama@af.test", roles: ["member"], name: "Ama (Dakar)" });
  await addPerson(net.hub, { email: "tech@hub.test", roles: ["technical_team"] });
  const created = await json<{ edition: { id: string } }>(
    await net.hub.api(
      "POST",
      "/api/ipg/editions",
      {
        year: 2026,
        continent: "AS",
        country: "NP",
        city: "Kathmandu",
        timeZone: "Asia/Kathmandu",
        startsAt: "2026-11-16T03:15:00Z",
        endsAt: "2026-11-20T11:15:00Z",
        capacity: 60,
      },
      net.secretariat,
    ),
    201,
  );
  editionId = created.edition.id;
  // The region knows the edition by its Event.
  await waitFor(async () => (await documentsAt(net.africa, "ama@af.test")) !== undefined, {
    what: "Africa to receive the edition's Event",
    timeoutMs: 20_000,
  });
}, 180_000);
afterAll(async () => {
  await net?.close();
});

describe("the IPG's minutes", () => {
  it("are put to the vote only once the edition is closed, by the secretariat only", async () => {
    const drafted = await json<{ document: DocumentJson }>(
      await net.hub.api(
        "POST",
        `/api/ipg/editions/${editionId}/documents`,
        {
          kind: "minutes",
          title: "Minutes of the IPG 2026",
          body: "# Minutes of the IPG 2026\n\nThe IPG met in Kathmandu.\n\n- Strategy adopted",
        },
        net.secretariat,
      ),
      201,
    );
    const early = await submit(drafted.document.id);
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ reason: "edition-not-closed" });
    const byMember = await net.africa.api(
      "POST",
      `/api/ipg/editions/${editionId}/documents`,
      { kind: "minutes", title: "Ours", body: "Ours" },
      "ama@af.test",
    );
    expect(byMember.status).toBe(403);
    for (const status of ["convened", "in-session", "closed"])
      await json(await net.hub.api("POST", `/api/ipg/editions/${editionId}/status`, { status }, net.secretariat), 200);
    expect(await editionStatus()).toBe("closed");
    expect((await minutesAtHub()).state).toBe("draft");
  });

  it("stay a draft when the IPG rejects them, seen by no one but the secretariat", async () => {
    const minutes = await minutesAtHub();
    const inVote = await json<{ document: DocumentJson }>(await submit(minutes.id), 202);
    expect(inVote.document).toMatchObject({ state: "in-vote", revision: 1 });
    expect(inVote.document.ballotUri).toMatch(/^http:\/\/127\.0\.0\.150:\d+\//);
    const revise = await net.hub.api(
      "PUT",
      `/api/ipg/editions/${editionId}/documents/${minutes.id}`,
      { title: "Changed during the vote", body: "No." },
      net.secretariat,
    );
    expect(revise.status).toBe(409);
    expect(await revise.json()).toMatchObject({ reason: "document-in-vote" });
    await voteAndClose(inVote.document.ballotUri ?? "", no);
    await waitFor(async () => (await minutesAtHub()).state === "draft", {
      what: "the hub to record the rejection",
      timeoutMs: 30_000,
    });
    expect(await minutesAtHub()).toMatchObject({
      state: "draft",
      lastOutcome: "rejected",
      publishedAt: null,
      title: "Minutes of the IPG 2026",
    });
    expect(await editionStatus()).toBe("closed");
    expect(await documentsAt(net.hub, "tech@hub.test")).toEqual([]);
    expect(await documentsAt(net.africa, "ama@af.test")).toEqual([]);
  });

  it("are published when the IPG adopts them revised: the edition's minutes approved, read by a region's member", async () => {
    const minutes = await minutesAtHub();
    const revised = await json<{ document: DocumentJson }>(
      await net.hub.api(
        "PUT",
        `/api/ipg/editions/${editionId}/documents/${minutes.id}`,
        {
          title: "Minutes of the IPG 2026 (Kathmandu)",
          body: "# Minutes of the IPG 2026\n\nThe IPG met in Kathmandu.\n\n- Strategy adopted\n- Next host: the Americas\n\n<script>alert(1)</script>",
        },
        net.secretariat,
      ),
      200,
    );
    expect(revised.document).toMatchObject({ revision: 2, lastOutcome: null });
    const inVote = await json<{ document: DocumentJson }>(await submit(minutes.id), 202);
    expect(inVote.document.ballotId).not.toBe(minutes.ballotId);
    await voteAndClose(inVote.document.ballotUri ?? "", yes);
    await waitFor(async () => (await editionStatus()) === "minutes-approved", {
      what: "the hub to approve the edition's minutes",
      timeoutMs: 30_000,
    });
    const published = await minutesAtHub();
    expect(published).toMatchObject({ state: "published", revision: 2, ballotId: inVote.document.ballotId });
    expect(published.publishedAt).not.toBeNull();
    expect((await documentsAt(net.hub, "tech@hub.test"))?.map((d) => d.title)).toEqual([
      "Minutes of the IPG 2026 (Kathmandu)",
    ]);
    let atAfrica: DocumentJson[] | undefined;
    await waitFor(
      async () => {
        atAfrica = await documentsAt(net.africa, "ama@af.test");
        return atAfrica?.length === 1;
      },
      { what: "Africa to receive the published minutes", timeoutMs: 30_000 },
    );
    expect(atAfrica?.[0]).toMatchObject({
      id: minutes.id,
      kind: "minutes",
      state: "published",
      revision: 2,
      ballotUri: inVote.document.ballotUri,
    });
    expect(atAfrica?.[0]?.html).toContain("<li>Next host: the Americas</li>");
    expect(atAfrica?.[0]?.html).not.toContain("<script>");
    const page = await net.africa.api(
      "GET",
      `/life/ipg/${editionId}/documents/${minutes.id}`,
      undefined,
      "ama@af.test",
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<h1>Minutes of the IPG 2026</h1>");
    // Published: it changes no more, and the edition goes no further.
    const again = await net.hub.api(
      "PUT",
      `/api/ipg/editions/${editionId}/documents/${minutes.id}`,
      { title: "Rewritten", body: "Rewritten" },
      net.secretariat,
    );
    expect(await again.json()).toMatchObject({ status: 409, reason: "document-published" });
    const back = await net.hub.api(
      "POST",
      `/api/ipg/editions/${editionId}/status`,
      { status: "closed" },
      net.secretariat,
    );
    expect(await back.json()).toMatchObject({ status: 409, reason: "status-goes-back" });
  });
});
