import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { DemoNode } from "./network.ts";

/** Polls a node's /healthz until it answers 200, or fails after the deadline. */
export async function waitForHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs / 1000} s`);
}

/** DATA_DIR/demo/network.json: every node's URL (and, once seeded, the demo accounts). */
export async function writeNetworkFile(dataDir: string, nodes: DemoNode[], extra: Record<string, unknown> = {}) {
  const file = path.join(dataDir, "demo", "network.json");
  const content = {
    nodes: nodes.map(({ slug, kind, regionCode, url }) => ({ slug, kind, regionCode, url })),
    ...extra,
  };
  await writeFile(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  return file;
}
