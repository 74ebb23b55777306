import { text } from "node:stream/consumers";
import { runCli } from "./cli.ts";

// The CLI's only impure entry point: reads argv, the environment and standard input.
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readStdin: () => text(process.stdin),
});
