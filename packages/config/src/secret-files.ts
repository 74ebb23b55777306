import { readFileSync } from "node:fs";

/** The settings an operator may give as a file's content instead (Docker or compose secrets). */
export const FILE_VARIABLES = [
  "NODE_SECRET",
  "DATABASE_PASSWORD",
  "DATABASE_URL",
  "SMTP_URL",
  "METRICS_TOKEN",
] as const;

export type ReadTextFile = (path: string) => string;

export const readTextFile: ReadTextFile = (path) => readFileSync(path, "utf8");

/**
 * Replaces each `X_FILE` by `X`, the file's content without its final line break (files made
 * with `echo` or `openssl rand` end with one). A file that cannot be read, or both `X` and
 * `X_FILE` set, is a problem listed with the others. Contents are never echoed.
 */
export function readSecretFiles(
  env: Record<string, string | undefined>,
  readFile: ReadTextFile,
): { env: Record<string, string | undefined>; problems: { variable: string; message: string }[] } {
  const resolved: Record<string, string | undefined> = { ...env };
  const problems: { variable: string; message: string }[] = [];
  for (const name of FILE_VARIABLES) {
    const file = env[`${name}_FILE`]?.trim();
    if (!file) continue;
    if (env[name]?.trim()) {
      problems.push({ variable: `${name}_FILE`, message: `set either ${name} or ${name}_FILE, not both` });
      continue;
    }
    try {
      resolved[name] = readFile(file).replace(/\r?\n$/, "");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
      problems.push({ variable: `${name}_FILE`, message: `cannot read ${file} (${code})` });
    }
  }
  return { env: resolved, problems };
}
