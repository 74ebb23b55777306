import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD, demoAccounts } from "./accounts.ts";
import { runBallotDemo } from "./ballot-demo.ts";
import { bootstrapNode } from "./bootstrap.ts";
import { runIpgMinutesDemo } from "./ipg-minutes-demo.ts";
import { runLifeDemo } from "./life-demo.ts";
import { demoNodeEnv, planDemoNetwork } from "./network.ts";
import { waitForHealthy, writeNetworkFile } from "./network-file.ts";
import { runProcedureDemo } from "./procedure-demo.ts";
import { seedDemoReports } from "./reports-demo.ts";
import { seedNetwork } from "./seed.ts";
import { type Supervised, startChild, stopAll } from "./supervise.ts";

// `pnpm demo`: the hub and the four regions on this machine, each its own process and database.
const root = fileURLToPath(new URL("../../../", import.meta.url));
const dataDir = path.resolve(process.env.DATA_DIR ?? "./data");
const port = Number(process.env.DEMO_PORT ?? 3000);
// How long the demo's ballot stays open, and its grace period for late delivery.
const ballotSeconds = Number(process.env.DEMO_BALLOT_SECONDS ?? 90);
const ballotGraceMinutes = Number(process.env.DEMO_BALLOT_GRACE_MINUTES ?? 1);
const log = (line: string) => process.stdout.write(`${line}\n`);

const nodes = planDemoNetwork({ port, dataDir });
await mkdir(path.join(dataDir, "demo"), { recursive: true });
// Tenants and accounts first, while no node holds its embedded database.
for (const node of nodes) await bootstrapNode(node, log);

const children: Supervised[] = nodes.map((node) =>
  startChild(
    node.slug,
    node.kind === "hub" ? "nodes/hub/src/main.ts" : "nodes/regional/src/main.ts",
    demoNodeEnv(node),
    {
      cwd: root,
      log,
    },
  ),
);

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log("demo: stopping every node…");
  const codes = await stopAll(children);
  log(`demo: stopped (${codes.map((c, i) => `${children[i]?.name}=${c}`).join(", ")})`);
  process.exit(code);
}
process.once("SIGINT", () => void shutdown(0));
process.once("SIGTERM", () => void shutdown(0));
for (const child of children) {
  void child.exited.then((code) => {
    if (!stopping) {
      log(`demo: ${child.name} exited unexpectedly with code ${code}`);
      void shutdown(1);
    }
  });
}

try {
  await Promise.all(nodes.map((node) => waitForHealthy(node.url, 180_000)));
  await seedNetwork(nodes, log);
} catch (error) {
  log(`demo: ${(error as Error).message}`);
  await shutdown(1);
}
const file = await writeNetworkFile(dataDir, nodes, {
  password: DEMO_PASSWORD,
  accounts: nodes.flatMap((node) => demoAccounts(node).map((a) => ({ ...a, url: node.url }))),
});
log(`demo: the network is up; its nodes and accounts are in ${file}`);
for (const node of nodes) log(`  ${node.slug.padEnd(9)} ${node.url}`);
log("demo: Ctrl-C stops every node cleanly; running `pnpm demo` again resumes where it was.");

// The governance flows, on the running network: the regions' biennial status reports, then an
// IPG ballot voted from the four regions, counted at its close and verified by each region, then
// an amendment of the rules of procedure and Europe's regional ROI adopted by the IPG.
let ballotUrl: string | undefined;
try {
  await seedDemoReports(nodes, log);
  const ballot = await runBallotDemo(nodes, log, {
    closesInMs: ballotSeconds * 1000,
    graceMinutes: ballotGraceMinutes,
  });
  ballotUrl = ballot.ballotUrl;
  log(`demo: the ballot is at ${ballot.ballotUrl}`);
} catch (error) {
  log(`demo: a demo step failed: ${(error as Error).message}`);
}
// The rules of procedure, on their own: a step above that failed does not hold them back.
try {
  await runProcedureDemo(nodes, log, { closesInMs: ballotSeconds * 1000, graceMinutes: ballotGraceMinutes });
} catch (error) {
  log(`demo: a demo step failed: ${(error as Error).message}`);
}
// The network's life: the IPG editions (their agenda links the ballot and the status reports),
// the regions' pilot groups, actions and trainings, the activity reports pre-filled from them,
// then the 2024 edition's minutes approved by an IPG ballot.
try {
  await runLifeDemo(nodes, log, ballotUrl === undefined ? {} : { ballotUrl });
  await runIpgMinutesDemo(nodes, log, { closesInMs: ballotSeconds * 1000, graceMinutes: ballotGraceMinutes });
  log("demo: done — every flow ran; the nodes keep running until Ctrl-C.");
} catch (error) {
  log(`demo: a demo step failed: ${(error as Error).message}`);
}
