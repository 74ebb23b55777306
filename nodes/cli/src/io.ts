import type { Config } from "@dynamo/config";
import type { Database } from "@dynamo/db";

/** What a command may touch: passed in, so tests run commands in-process. */
export interface CliIo {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
  /** Reads all of standard input (for --password-stdin). */
  readStdin(): Promise<string>;
}

export interface ConfigContext {
  io: CliIo;
  config: Config;
}

export interface CommandContext extends ConfigContext {
  database: Database;
}

/** A mistake in the command line itself: printed with the usage, exit code 2. */
export class UsageError extends Error {}
