import { hkdfSync, randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Config } from "./load-config.ts";

export const NODE_SECRET_FILE = "node-secret";

/**
 * The node's secret: NODE_SECRET when set; for a local run, one generated once into
 * DATA_DIR/node-secret, readable by the owner only. The value is never logged.
 */
export async function resolveNodeSecret(config: Pick<Config, "nodeSecret" | "dataDir" | "env">): Promise<string> {
  if (config.nodeSecret !== undefined) return config.nodeSecret;
  if (config.env === "production") throw new Error("NODE_SECRET is required in production");
  const file = path.join(config.dataDir, NODE_SECRET_FILE);
  try {
    const existing = (await readFile(file, "utf8")).trim();
    if (existing.length >= 32) return existing;
    throw new Error(`${file} holds a secret shorter than 32 characters; remove it to generate a new one`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString("base64url");
  // "wx" fails if another process created the file meanwhile: then read theirs.
  try {
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return (await readFile(file, "utf8")).trim();
    throw error;
  }
  await chmod(file, 0o600);
  return secret;
}

/**
 * A short public fingerprint of a key derived from the node's secret (never the secret itself):
 * a backup records it, so a restore with another secret is refused before anything is written.
 */
export function nodeSecretFingerprint(secret: string): string {
  return Buffer.from(
    hkdfSync("sha256", Buffer.from(secret, "utf8"), "dynamo-backup", "node-secret-fingerprint-v1", 8),
  ).toString("hex");
}
