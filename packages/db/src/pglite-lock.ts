import { readFileSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Embedded PGlite files must be opened by one process at a time. The lock names the pid that
 * holds them and when that process started, so a second process (a CLI while the node runs) gets
 * a clear refusal instead of corrupting the files. A lock left by a process that died is taken
 * over, even when its pid now names another process: in a container restarted after a crash the
 * node's old pid is soon another's (a health check's).
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const lockFile = path.join(dataDir, "dynamo.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockFile, `${process.pid} ${startTimeOf(process.pid) ?? ""}`.trim(), { flag: "wx", mode: 0o600 });
      return async () => {
        await rm(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const [pid = "", started] = (await readFile(lockFile, "utf8").catch(() => "")).trim().split(" ");
      const holder = Number.parseInt(pid, 10);
      const same = started === undefined || startTimeOf(holder) === started;
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder) && same) {
        throw new DataDirLockedError(dataDir, holder);
      }
      await rm(lockFile, { force: true });
    }
  }
  throw new DataDirLockedError(dataDir, undefined);
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | undefined,
  ) {
    super(
      `The embedded database in ${dataDir} is open in another process${pid === undefined ? "" : ` (pid ${pid})`}. ` +
        "Stop that process first, or set DATABASE_URL to use PostgreSQL, which many processes can share.",
    );
    this.name = "DataDirLockedError";
  }
}

/** When a process started (clock ticks since boot, /proc/<pid>/stat's 22nd field), where Linux tells. */
export function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name, in parentheses, may hold spaces: count the fields after its end.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
