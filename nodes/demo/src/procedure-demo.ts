import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type Api, login, representatives, until } from "./ballot-demo.ts";
import type { DemoNode } from "./network.ts";

const seed = (name: string) =>
  readFile(fileURLToPath(new URL(`../../../packages/procedure/seed/${name}`, import.meta.url)), "utf8");

async function ok<T>(response: Response, status: number, what: string): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

const currentNumber = async (api: Api, textKey: string): Promise<number> => {
  const response = await api("GET", `/api/rules/${textKey}/versions/current`);
  return response.status === 200 ? ((await response.json()) as { number: number }).number : 0;
};

/** Every active platform of every region votes yes on the ballot with this URI. */
export async function everyoneVotesYes(regions: DemoNode[], uri: string): Promise<number> {
  let voters = 0;
  for (const region of regions) {
    for (const rep of await representatives(region)) {
      const api = await login(region, rep.email);
      if (api === undefined) continue;
      const copy = await until(`${region.slug} to receive ballot ${uri}`, 60_000, async () => {
        const { ballots } = (await (await api("GET", "/api/ballots")).json()) as {
          ballots: { id: string; uri: string }[];
        };
        return ballots.find((b) => b.uri === uri);
      });
      const cast = await api("POST", `/api/ballots/${copy.id}/votes`, {
        choice: { kind: "options", optionIds: ["yes"] },
      });
      if (cast.status === 202) voters += 1;
    }
  }
  return voters;
}

/**
 * The rules of procedure, on the running network: the IPG secretariat imports the international
 * ROI (once); a member of Africa proposes an amendment, found admissible and put to the IPG; the
 * platforms of the four regions vote; adopted at the close, it is applied and the new version is
 * in force at the four regions. Europe's coordinator drafts the region's ROI (once), submits it,
 * and the IPG adopts it in the same round.
 */
export async function runProcedureDemo(
  nodes: DemoNode[],
  log: (line: string) => void,
  options: { closesInMs: number; graceMinutes: number },
): Promise<void> {
  const hub = nodes.find((n) => n.kind === "hub");
  const regions = nodes.filter((n) => n.kind === "region");
  const africa = regions.find((n) => n.slug === "africa");
  const europe = regions.find((n) => n.slug === "europe");
  if (hub === undefined || africa === undefined || europe === undefined)
    throw new Error("the procedure demo needs the hub, Africa and Europe");
  const secretariat = await login(hub, `ipg@${hub.slug}.demo`);
  const member = await login(africa, `member@${africa.slug}.demo`);
  const coordinator = await login(europe, `coordinator@${europe.slug}.demo`);
  if (secretariat === undefined || member === undefined || coordinator === undefined)
    throw new Error("cannot log in as the secretariat, Africa's member or Europe's coordinator");

  if ((await currentNumber(secretariat, "international")) === 0) {
    await ok(
      await secretariat("POST", "/api/rules/international/import", {
        markdown: { en: await seed("international.en.md"), fr: await seed("international.fr.md") },
      }),
      201,
      "importRules",
    );
    log("demo: the IPG secretariat imported the international rules of procedure (version 1)");
  }
  const base = await until("Africa to keep the international ROI", 60_000, async () =>
    currentNumber(member, "international"),
  );

  const proposed = await ok<{ id: string }>(
    await member("POST", "/api/rules/international/amendments", {
      operations: [
        {
          op: "replace",
          articleId: "art-4",
          wording: {
            en: "The location of the International Pilot Group is chosen according to a rotation system between the four regions that guarantees equity.",
            fr: "Le lieu du Groupe pilote international est choisi selon un système de rotation entre les quatre régions qui garantit l'équité.",
            pt: "O local do Grupo Piloto Internacional é escolhido segundo um sistema de rotação entre as quatro regiões que garante a equidade.",
          },
        },
      ],
      rationale: "Name the four regions in the rotation of the IPG.",
    }),
    201,
    "proposeAmendment",
  );
  log(`demo: a member of Africa proposed an amendment of the international ROI (on version ${base})`);
  await until(
    "the hub to receive the amendment",
    60_000,
    async () => (await secretariat("GET", `/api/amendments/${proposed.id}`)).status === 200,
  );
  await ok(
    await secretariat("POST", `/api/amendments/${proposed.id}/admissibility`, { admissible: true }),
    200,
    "decideAdmissibility",
  );
  const closesAt = new Date(Date.now() + options.closesInMs).toISOString();
  const scheduled = await ok<{ ballotUri: string }>(
    await secretariat("POST", `/api/amendments/${proposed.id}/schedule`, {
      closesAt,
      graceMinutes: options.graceMinutes,
    }),
    200,
    "scheduleAmendment",
  );
  log("demo: the IPG secretariat found it admissible and put it to the IPG's vote");

  // Europe's regional ROI: drafted and submitted once, then put to the IPG in the same round.
  let regionalUri: string | undefined;
  if ((await currentNumber(coordinator, "region-EU")) === 0) {
    const draft = await coordinator("GET", "/api/rules/region-EU/draft");
    if (draft.status === 404)
      await ok(
        await coordinator("POST", "/api/rules/region-EU/import", { markdown: { en: await seed("europe.en.md") } }),
        201,
        "importRules",
      );
    const state = draft.status === 200 ? ((await draft.json()) as { state: string }).state : "draft";
    if (state === "draft" || state === "rejected")
      await ok(await coordinator("POST", "/api/rules/region-EU/draft/submit"), 200, "submitRegionalRules");
    await until("the hub to receive Europe's ROI", 60_000, async () => {
      const atHub = await secretariat("GET", "/api/rules/region-EU/draft");
      return atHub.status === 200 && ((await atHub.json()) as { state: string }).state !== "draft";
    });
    const atHub = (await (await secretariat("GET", "/api/rules/region-EU/draft")).json()) as {
      state: string;
      ballotUri: string | null;
    };
    if (atHub.state === "submitted") {
      const put = await ok<{ ballotUri: string }>(
        await secretariat("POST", "/api/rules/region-EU/draft/schedule", {
          closesAt,
          graceMinutes: options.graceMinutes,
        }),
        200,
        "scheduleRegionalRules",
      );
      regionalUri = put.ballotUri;
      log("demo: Europe's coordinator submitted the regional ROI; the IPG secretariat put it to the vote");
    }
  }

  const voters = await everyoneVotesYes(regions, scheduled.ballotUri);
  if (regionalUri !== undefined) await everyoneVotesYes(regions, regionalUri);
  log(`demo: ${voters} platforms of ${regions.length} regions voted on the amendment`);

  await until("the amendment to be adopted", options.closesInMs + 5 * 60_000, async () => {
    const view = (await (await secretariat("GET", `/api/amendments/${proposed.id}`)).json()) as { state: string };
    return view.state === "adopted";
  });
  const applied = await ok<{ version: { number: number } }>(
    await secretariat("POST", `/api/amendments/${proposed.id}/apply`, {}),
    200,
    "applyAmendment",
  );
  for (const region of regions) {
    const api = await login(region, `member@${region.slug}.demo`);
    if (api === undefined) continue;
    await until(
      `${region.slug} to keep version ${applied.version.number}`,
      120_000,
      async () => (await currentNumber(api, "international")) >= applied.version.number,
    );
  }
  log(
    `demo: amendment adopted and applied: version ${applied.version.number} of the international ROI is in force at the ${regions.length} regions`,
  );
  if (regionalUri !== undefined) {
    for (const region of regions) {
      const api = await login(region, `member@${region.slug}.demo`);
      if (api === undefined) continue;
      await until(
        `${region.slug} to keep Europe's ROI`,
        120_000,
        async () => (await currentNumber(api, "region-EU")) >= 1,
      );
    }
    log("demo: Europe's regional ROI adopted by the IPG, in force at Europe and readable at every region");
  }
}
