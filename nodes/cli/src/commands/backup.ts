import path from "node:path";
import { parseArgs } from "node:util";
import { nodeSecretFingerprint, resolveNodeSecret } from "@dynamo/config";
import { APP_VERSION } from "@dynamo/core";
import { BackupError, backupSize, createBackup, restoreBackup, verifyBackup } from "@dynamo/db/backup";
import { type ConfigContext, UsageError } from "../io.ts";

export const backupUsage = `
  backup create --out <file>   a consistent backup of the node's database, with its manifest
  backup restore <file>        into an empty database (or data folder); the same NODE_SECRET needed
  backup verify <file>         a restore drill into a scratch database: counts and digests checked`;

/** `backup …`: opens the database itself (a restore needs it empty, a PGlite backup needs it closed). */
export async function backupCommand(args: string[], { io, config }: ConfigContext): Promise<number> {
  const [action, ...rest] = args;
  const fingerprint = nodeSecretFingerprint(await resolveNodeSecret(config));
  try {
    if (action === "create") {
      const { values } = parseArgs({ args: rest, options: { out: { type: "string" } }, strict: true });
      if (values.out === undefined) throw new UsageError("backup create needs --out <file>");
      const out = path.resolve(values.out);
      const manifest = await createBackup(config.database, {
        out,
        secretFingerprint: fingerprint,
        appVersion: APP_VERSION,
        now: new Date(),
      });
      const rows = Object.values(manifest.tables).reduce((sum, t) => sum + t.rows, 0);
      io.out(
        `backup written: ${out} (${await backupSize(out)} bytes; ${manifest.driver}; schema ${manifest.schema.lastTag}; ${manifest.tenants.length} tenants; ${Object.keys(manifest.tables).length} tables, ${rows} rows; secret fingerprint ${fingerprint})`,
      );
      return 0;
    }
    if (action === "restore" || action === "verify") {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true });
      const file = positionals[0];
      if (file === undefined || positionals.length > 1) throw new UsageError(`backup ${action} needs one <file>`);
      const run = action === "restore" ? restoreBackup : verifyBackup;
      const result = await run(path.resolve(file), config.database, { secretFingerprint: fingerprint });
      io.out(
        `${action === "restore" ? "restored" : "verified"}: ${result.tables} tables, ${result.rows} rows match the backup of ${result.manifest.createdAt} (app ${result.manifest.appVersion}, schema ${result.manifest.schema.lastTag})${action === "restore" ? "; the node applies any newer migration when it starts" : ""}`,
      );
      return 0;
    }
  } catch (error) {
    if (error instanceof BackupError) {
      io.err(`backup ${action}: ${error.message}`);
      return 1;
    }
    throw error;
  }
  throw new UsageError(`unknown backup command: ${action ?? "(none)"}`);
}
