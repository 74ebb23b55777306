import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";

export interface Supervised {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** Starts a TypeScript entry point as a child process whose output lines carry its name. */
export function startChild(
  name: string,
  entry: string,
  env: Record<string, string>,
  options: { cwd: string; log: (line: string) => void },
): Supervised {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: options.cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on("line", (line) => options.log(`[${name}] ${line}`));
  }
  const exited = once(child, "exit").then(([code]) => code as number | null);
  return { name, child, exited };
}

/** Asks every child to stop (SIGTERM: each closes its database cleanly) and waits for them. */
export async function stopAll(children: Supervised[]): Promise<(number | null)[]> {
  for (const { child } of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  }
  return Promise.all(children.map((c) => c.exited));
}
