import { formatConfigProblems, loadConfig } from "@dynamo/config";
import { createDb } from "@dynamo/db";
import { backupCommand, backupUsage } from "./commands/backup.ts";
import { federationCommand, federationUsage } from "./commands/federation.ts";
import { openapiCommand, openapiUsage } from "./commands/openapi.ts";
import { tenantCommand, tenantUsage } from "./commands/tenant.ts";
import { userCommand, userUsage } from "./commands/user.ts";
import { type CliIo, type CommandContext, type ConfigContext, UsageError } from "./io.ts";

type Command = (args: string[], ctx: CommandContext) => Promise<number>;
/** Commands that open the database themselves (or need it closed or empty). */
const withoutDatabase: Record<string, { run: (args: string[], ctx: ConfigContext) => Promise<number>; usage: string }> =
  {
    backup: { run: backupCommand, usage: backupUsage },
  };

const commands: Record<string, { run: Command; usage: string }> = {
  tenant: { run: tenantCommand, usage: tenantUsage },
  user: { run: userCommand, usage: userUsage },
  federation: { run: federationCommand, usage: federationUsage },
};

const usage = () =>
  `Usage: pnpm cli <command>\n${[...Object.values(commands).map((c) => c.usage), backupUsage, openapiUsage].join("\n")}\n\nThe CLI opens the same database as the node (DATABASE_URL, or the embedded one in DATA_DIR).`;

/** Runs one command line against the node's database. Returns the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  // Needs no database of the node: built in memory.
  if (name === "openapi") {
    try {
      return await openapiCommand(args, io);
    } catch (error) {
      if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
        io.err(`${(error as Error).message}\n${openapiUsage}`);
        return 2;
      }
      throw error;
    }
  }
  const own = name === undefined ? undefined : withoutDatabase[name];
  const command = name === undefined ? undefined : commands[name];
  if (command === undefined && own === undefined) {
    if (name !== undefined && name !== "help" && name !== "--help") io.err(`unknown command: ${name}`);
    io.err(usage());
    return name === undefined || name === "help" || name === "--help" ? 0 : 2;
  }
  const loaded = loadConfig(io.env);
  if (!loaded.ok) {
    io.err(formatConfigProblems(loaded.error));
    return 1;
  }
  if (own !== undefined) {
    try {
      return await own.run(args, { io, config: loaded.value });
    } catch (error) {
      if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
        io.err(`${(error as Error).message}\n${own.usage}`);
        return 2;
      }
      throw error;
    }
  }
  if (command === undefined) return 2;
  let database: Awaited<ReturnType<typeof createDb>>;
  try {
    database = await createDb(loaded.value.database);
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
  try {
    return await command.run(args, { io, config: loaded.value, database });
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`${(error as Error).message}\n${command.usage}`);
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}
