import { runCli } from "./cli.ts";

/** Runs one command line in-process, as an operator would type it: its exit code and what it printed. */
export async function runCliCaptured(
  env: Record<string, string | undefined>,
  argv: string[],
  stdin = "",
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    env,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readStdin: async () => stdin,
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}
