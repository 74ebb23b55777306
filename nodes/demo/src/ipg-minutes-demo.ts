import { login, until } from "./ballot-demo.ts";
import type { DemoNode } from "./network.ts";
import { everyoneVotesYes } from "./procedure-demo.ts";
import { must } from "./reports-demo.ts";

const STEPS = ["planned", "convened", "in-session", "closed"] as const;

const MINUTES = `# Minutes of the IPG 2024 — Dakar

The International Pilot Group met in Dakar from 18 to 22 November 2024, with the delegations of
the national platforms of the four regions.

## Decisions

- The network's strategy for 2025–2026 is adopted.
- Asia hosts the next IPG, in 2026, by rotation.
- Each region holds its pilot group in its turn, at least one advocacy action and one training module a year.

## Next steps

The secretariat sends the strategy to every national platform.
`;

/**
 * The 2024 IPG's minutes, through the running nodes' API: the secretariat closes the edition (step
 * by step), drafts its minutes and puts them to an IPG ballot; every platform votes yes; at the
 * close they are published to the regions and the edition's minutes are approved. Resuming skips
 * what was done.
 */
export async function runIpgMinutesDemo(
  nodes: DemoNode[],
  log: (line: string) => void,
  options: { closesInMs: number; graceMinutes: number },
): Promise<void> {
  const hub = nodes.find((n) => n.kind === "hub");
  if (hub === undefined) throw new Error("the IPG minutes demo needs a hub");
  const secretariat = await login(hub, `ipg@${hub.slug}.demo`);
  if (secretariat === undefined) throw new Error("cannot log in as the IPG secretariat");
  const editionOf2024 = async () => {
    const { editions } = (await must("listIpgEditions", secretariat("GET", "/api/ipg/editions"))) as {
      editions: { id: string; year: number; status: string }[];
    };
    return editions.find((e) => e.year === 2024);
  };
  const edition = await editionOf2024();
  if (edition === undefined) throw new Error("the 2024 IPG edition is missing");
  if (edition.status === "minutes-approved") return;
  const at = STEPS.indexOf(edition.status as (typeof STEPS)[number]);
  for (const status of STEPS.slice(at + 1)) {
    await must(`IPG 2024 ${status}`, secretariat("POST", `/api/ipg/editions/${edition.id}/status`, { status }));
  }
  const documents = `/api/ipg/editions/${edition.id}/documents`;
  const { documents: kept } = (await must("listIpgDocuments", secretariat("GET", documents))) as {
    documents: { id: string; kind: string; state: string; ballotUri: string | null }[];
  };
  let minutes = kept.find((d) => d.kind === "minutes");
  if (minutes === undefined) {
    const drafted = (await must(
      "draftIpgDocument",
      secretariat("POST", documents, { kind: "minutes", title: "Minutes of the IPG 2024 (Dakar)", body: MINUTES }),
      [201],
    )) as { document: NonNullable<typeof minutes> };
    minutes = drafted.document;
  }
  if (minutes.state === "draft") {
    const put = (await must(
      "submitIpgMinutesToVote",
      secretariat("POST", `${documents}/${minutes.id}/ballot`, {
        closesAt: new Date(Date.now() + options.closesInMs).toISOString(),
        graceMinutes: options.graceMinutes,
      }),
      [202],
    )) as { document: NonNullable<typeof minutes> };
    minutes = put.document;
    log("demo: the IPG secretariat closed the 2024 edition and put its minutes to the IPG's vote");
    const voters = await everyoneVotesYes(
      nodes.filter((n) => n.kind === "region"),
      minutes.ballotUri ?? "",
    );
    log(`demo: ${voters} platforms voted on the 2024 minutes`);
  }
  await until("the 2024 minutes to be approved", options.closesInMs + 5 * 60_000, async () => {
    const now = await editionOf2024();
    return now?.status === "minutes-approved" ? now : undefined;
  });
  log(`demo: the IPG 2024 minutes adopted and published to the regions: ${hub.url}/life/ipg/${edition.id}/documents`);
}
