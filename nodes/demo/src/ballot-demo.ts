import { DEMO_PASSWORD, DEMO_PLATFORMS } from "./accounts.ts";
import type { DemoNode } from "./network.ts";

export type Api = (method: string, path: string, body?: unknown) => Promise<Response>;

export async function login(node: DemoNode, email: string): Promise<Api | undefined> {
  const response = await fetch(`${node.url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) return undefined;
  const { token } = (await response.json()) as { token: string };
  return (method, path, body) =>
    fetch(`${node.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

export async function until<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined | false>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The representative of each of the region's active demo platforms, invited once (found again on later runs). */
export async function representatives(region: DemoNode): Promise<{ countryCode: string; email: string }[]> {
  const admin = await login(region, `admin@${region.slug}.demo`);
  if (admin === undefined) throw new Error(`cannot log in as ${region.slug}'s admin`);
  const { platforms } = (await (await admin("GET", "/api/platforms")).json()) as {
    platforms: { id: string; countryCode: string; status: string }[];
  };
  const reps: { countryCode: string; email: string }[] = [];
  for (const platform of platforms.filter((p) => p.status === "active")) {
    const email = `rep-${platform.countryCode.toLowerCase()}@${region.slug}.demo`;
    if ((await login(region, email)) === undefined) {
      const invited = await admin("POST", "/api/invitations", {
        email,
        displayName: `Representative ${platform.countryCode}`,
        roles: ["platform_representative"],
        platformId: platform.id,
        platformSeat: "representative",
      });
      if (invited.status !== 201) throw new Error(`could not invite ${email}: ${await invited.text()}`);
      const { link } = (await invited.json()) as { link: { url: string } };
      const token = new URL(link.url).searchParams.get("token");
      const accepted = await fetch(`${region.url}/api/invitations/accept`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token, password: DEMO_PASSWORD }),
      });
      if (accepted.status !== 200) throw new Error(`${email} could not join: ${await accepted.text()}`);
    }
    reps.push({ countryCode: platform.countryCode, email });
  }
  return reps;
}

interface BallotJson {
  id: string;
  uri: string;
  status: string;
  verifiedBy?: number;
  regions?: number;
  electorate: { platformId: string; regionCode: string }[] | null;
  result: {
    publication: { counts: { optionId: string; votes: number }[]; votesCounted: number; outcome: string };
  } | null;
}

/**
 * The demo's IPG ballot, through the running nodes' API: the IPG secretariat drafts and opens a
 * motion at the hub (closing in `closesInMs`, with a short grace period) once every region's
 * platforms reached its roster; each region's representatives vote on it (one abstains, one
 * changes its vote, Colombia gives its vote to Belgium, who casts it); the hub counts it at the close
 * and every region recomputes the result from the signed votes and attests it. Resolves once the
 * hub shows it verified by every region. Each run holds a new ballot. Call it after the network
 * is seeded (regions peered, platforms published): `await runBallotDemo(nodes, log)`.
 */
export async function runBallotDemo(
  nodes: DemoNode[],
  log: (line: string) => void,
  options: { closesInMs?: number; graceMinutes?: number; rosterWaitMs?: number } = {},
): Promise<{ ballotUrl: string; verifiedBy: number; regions: number }> {
  const hub = nodes.find((n) => n.kind === "hub");
  if (hub === undefined) throw new Error("the ballot demo needs a hub");
  const regions = nodes.filter((n) => n.kind === "region");
  const secretariat = await login(hub, `ipg@${hub.slug}.demo`);
  if (secretariat === undefined) throw new Error("cannot log in as the IPG secretariat");
  const reps = new Map<string, { countryCode: string; email: string }[]>();
  for (const region of regions) reps.set(region.slug, await representatives(region));
  const expected = regions.flatMap((r) => (DEMO_PLATFORMS[r.slug] ?? []).filter((p) => p.status === "active"));

  // Opening freezes the electorate: wait until the regions' rosters have reached the hub (they
  // are sent every ten seconds) and it would hold every active demo platform, then open.
  const wanted = new Set(expected.map((p) => p.countryCode));
  await until("the regions' platforms to reach the hub", options.rosterWaitMs ?? 120_000, async () => {
    const preview = await secretariat("GET", "/api/ballots/electorate");
    if (preview.status !== 200) return false;
    const { electorate } = (await preview.json()) as { electorate: { platformId: string }[] };
    const known = new Set(electorate.map((m) => m.platformId));
    return [...wanted].every((code) => known.has(code));
  });
  const now = Date.now();
  const closesInMs = options.closesInMs ?? 90_000;
  const created = await secretariat("POST", "/api/ballots", {
    title: {
      en: "Adopt the 2027–2028 network action plan?",
      fr: "Adopter le plan d'action du réseau 2027–2028 ?",
      es: "¿Adoptar el plan de acción de la red 2027–2028?",
      pt: "Adotar o plano de ação da rede 2027–2028?",
    },
    description: {
      en: "The plan prepared by the regional coordinations for the IPG.",
      fr: "Le plan préparé par les coordinations régionales pour le GPI.",
    },
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + closesInMs).toISOString(),
    graceMinutes: options.graceMinutes ?? 1,
  });
  if (created.status !== 201) throw new Error(`createBallot: ${await created.text()}`);
  const draft = (await created.json()) as BallotJson;
  const response = await secretariat("POST", `/api/ballots/${draft.id}/open`);
  if (response.status !== 200) throw new Error(`openBallot: ${await response.text()}`);
  const opened = (await response.json()) as BallotJson;
  log(
    `demo: the IPG secretariat opened a ballot for ${opened.electorate?.length ?? 0} platforms (${expected.length} expected)`,
  );

  let voters = 0;
  const proxies: { from: string; holder: string }[] = [];
  for (const region of regions) {
    const list = reps.get(region.slug) ?? [];
    for (const [index, rep] of list.entries()) {
      const api = await login(region, rep.email);
      if (api === undefined) continue;
      const copy = await until(`${region.slug} to receive the ballot`, 60_000, async () => {
        const { ballots } = (await (await api("GET", "/api/ballots")).json()) as { ballots: BallotJson[] };
        return ballots.find((b) => b.uri === opened.uri);
      });
      if (region.slug === "americas" && rep.countryCode === "CO") {
        // Colombia gives its vote to Belgium (Europe), whose representative casts it below.
        const given = await api("POST", `/api/ballots/${copy.id}/proxy`, { holder: "BE" });
        if (given.status === 202) proxies.push({ from: "CO", holder: "BE" });
        else log(`demo: CO could not give its proxy: ${await given.text()}`);
        continue;
      }
      const choice =
        index === 1 && region.slug === "asia"
          ? { kind: "abstain" }
          : { kind: "options", optionIds: [index === 1 && region.slug === "americas" ? "no" : "yes"] };
      const cast = await api("POST", `/api/ballots/${copy.id}/votes`, { choice });
      if (cast.status !== 202) {
        log(`demo: ${rep.countryCode} could not vote: ${await cast.text()}`);
        continue;
      }
      voters += 1;
      if (region.slug === "europe" && index === 0) {
        // Votes may change until the close: the last one counts.
        await api("POST", `/api/ballots/${copy.id}/votes`, { choice: { kind: "options", optionIds: ["no"] } });
        await api("POST", `/api/ballots/${copy.id}/votes`, { choice: { kind: "options", optionIds: ["yes"] } });
      }
    }
  }
  for (const proxy of proxies) {
    const region = regions.find((r) => (DEMO_PLATFORMS[r.slug] ?? []).some((p) => p.countryCode === proxy.holder));
    const rep = region && reps.get(region.slug)?.find((r) => r.countryCode === proxy.holder);
    const api = region !== undefined && rep !== undefined ? await login(region, rep.email) : undefined;
    if (api === undefined) continue;
    // The hub accepts the delegation and announces the mandate to every region.
    const copy = await until(`${proxy.holder} to hold ${proxy.from}'s vote`, 60_000, async () => {
      const { ballots } = (await (await api("GET", "/api/ballots")).json()) as { ballots: BallotJson[] };
      const found = ballots.find((b) => b.uri === opened.uri);
      if (found === undefined) return undefined;
      const view = (await (await api("GET", `/api/ballots/${found.id}`)).json()) as {
        mandates: { platformId: string; holder: string }[];
      };
      return view.mandates.some((m) => m.platformId === proxy.from && m.holder === proxy.holder) ? found : undefined;
    });
    const cast = await api("POST", `/api/ballots/${copy.id}/votes`, {
      choice: { kind: "options", optionIds: ["no"] },
      onBehalfOf: proxy.from,
    });
    if (cast.status === 202) {
      voters += 1;
      log(`demo: ${proxy.holder} cast ${proxy.from}'s vote by proxy`);
    } else log(`demo: ${proxy.holder} could not cast ${proxy.from}'s vote: ${await cast.text()}`);
  }
  log(
    `demo: ${voters} platforms voted from ${regions.length} regions; the ballot closes in ${Math.round(closesInMs / 1000)} s`,
  );

  const verified = await until(
    "the result to be counted and verified by every region",
    closesInMs + 5 * 60_000,
    async () => {
      const view = (await (await secretariat("GET", `/api/ballots/${draft.id}`)).json()) as BallotJson;
      return view.status === "closed" && view.verifiedBy !== undefined && view.verifiedBy === view.regions
        ? view
        : undefined;
    },
  );
  const counts = verified.result?.publication.counts.map((c) => `${c.optionId} ${c.votes}`).join(", ");
  log(
    `demo: ballot counted — ${verified.result?.publication.outcome} (${counts}); verified by ${verified.verifiedBy} of ${verified.regions} regions`,
  );
  return {
    ballotUrl: `${hub.url}/ballots/${draft.id}`,
    verifiedBy: verified.verifiedBy ?? 0,
    regions: verified.regions ?? 0,
  };
}
