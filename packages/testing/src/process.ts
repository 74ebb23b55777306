import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** The repository root, where `tsx` and the node entry points are found. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * A test that starts a node process and waits for it (tsx, then migrations, then the first
 * answer): seconds on a quiet machine, many more on a busy 2-core CI runner.
 */
export const PROCESS_TEST_TIMEOUT_MS = 90_000;

/** A TCP port free right now on the given address. */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  const server = createServer();
  server.listen(0, host);
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

export interface NodeProcess {
  child: ChildProcess;
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/**
 * Starts a TypeScript entry point (a node's main.ts) as a real process, as `pnpm start` would;
 * with `{ compiled: true }`, a JavaScript file (the production build's) with plain `node`, in
 * `cwd`: no tsx, no TypeScript.
 */
export function startProcess(
  entry: string,
  env: Record<string, string>,
  args: string[] = [],
  options: { compiled?: boolean; cwd?: string } = {},
): NodeProcess {
  const loader = options.compiled ? [] : ["--import", "tsx"];
  const child = spawn(process.execPath, [...loader, entry, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = once(child, "exit").then(([code]) => code as number | null);
  return {
    child,
    output: () => output,
    exited,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
