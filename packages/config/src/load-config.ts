import path from "node:path";
import type { RegionCode, Result } from "@dynamo/core";
import {
  crossVariableProblems,
  databaseUrlFromFields,
  envSchema,
  type LogLevel,
  type MailFrom,
  type SmtpSettings,
} from "./schema.ts";
import { type ReadTextFile, readSecretFiles, readTextFile } from "./secret-files.ts";

/** How a node sends email; without SMTP_URL a node sends none and works as before. */
export interface MailSettings {
  smtp: SmtpSettings;
  from: MailFrom;
}

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  /** The node's own public address, without a trailing slash. */
  publicUrl: string;
  database: { driver: "postgres"; url: string } | { driver: "pglite"; dataDir: string };
  dataDir: string;
  /** Undefined for a local run: resolveNodeSecret() then keeps one in DATA_DIR. */
  nodeSecret: string | undefined;
  logLevel: LogLevel;
  trustProxy: boolean;
  /** The region tenant a regional node creates on first start with an empty database. */
  defaultRegion: RegionCode;
  defaultTenantSlug: string | undefined;
  /** Lets federation fetch private and loopback addresses (local demo, tests); never in production. */
  federationAllowPrivateAddresses: boolean;
  /** Chromium, for the PDF edition of reports (a missing one: no PDF, the printable page remains). */
  chromiumPath: string;
  /**
   * How long a page for visitors who are not signed in is kept (PAGE_CACHE_MS; 0: never): a
   * second in production unless set, none elsewhere, so that tests and development see every
   * change at once.
   */
  pageCacheMs: number;
  /** Bearer token of /metrics (METRICS_TOKEN); without it /metrics answers 404. */
  metricsToken: string | undefined;
  /** SMTP_URL and MAIL_FROM; undefined when SMTP_URL is unset. Holds the SMTP password: never log it. */
  mail: MailSettings | undefined;
}

export interface ConfigProblem {
  variable: string;
  message: string;
}

export interface ConfigDefaults {
  port: number;
}

/**
 * Reads the node's settings from an environment. The caller passes the environment (only a
 * node's main.ts passes process.env); `X_FILE` variables are read with `readFile` (the file
 * system unless a test gives another). Returns every problem at once.
 */
export function loadConfig(
  rawEnv: Record<string, string | undefined>,
  defaults: ConfigDefaults = { port: 3000 },
  readFile: ReadTextFile = readTextFile,
): Result<Config, ConfigProblem[]> {
  const files = readSecretFiles(rawEnv, readFile);
  const env = files.env;
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...files.problems,
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => ({
          variable: issue.path.map(String).join(".") || "(environment)",
          message: issue.message,
        }))),
    ...crossVariableProblems(env),
  ];
  if (!parsed.success || problems.length > 0) return { ok: false, error: problems };
  const e = parsed.data;
  const port = e.PORT ?? defaults.port;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    ok: true,
    value: {
      env: e.NODE_ENV,
      port,
      host: e.HOST,
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ""),
      database:
        e.DATABASE_URL !== undefined
          ? { driver: "postgres", url: e.DATABASE_URL }
          : e.DATABASE_HOST !== undefined && e.DATABASE_NAME !== undefined && e.DATABASE_USER !== undefined
            ? {
                driver: "postgres",
                url: databaseUrlFromFields({
                  host: e.DATABASE_HOST,
                  port: e.DATABASE_PORT,
                  name: e.DATABASE_NAME,
                  user: e.DATABASE_USER,
                  password: e.DATABASE_PASSWORD,
                }),
              }
            : { driver: "pglite", dataDir: path.join(dataDir, "pglite") },
      dataDir,
      nodeSecret: e.NODE_SECRET,
      logLevel: e.LOG_LEVEL,
      trustProxy: e.TRUST_PROXY === "true",
      defaultRegion: e.DEFAULT_REGION,
      defaultTenantSlug: e.DEFAULT_TENANT_SLUG,
      federationAllowPrivateAddresses: e.FEDERATION_ALLOW_PRIVATE_ADDRESSES === "true",
      chromiumPath: e.CHROMIUM_PATH,
      metricsToken: e.METRICS_TOKEN,
      pageCacheMs: e.PAGE_CACHE_MS ?? (e.NODE_ENV === "production" ? 1000 : 0),
      mail: e.SMTP_URL === undefined || e.MAIL_FROM === undefined ? undefined : { smtp: e.SMTP_URL, from: e.MAIL_FROM },
    },
  };
}

/** One line per problem, for the message a node prints before refusing to start. */
export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  return [
    `The node cannot start: ${problems.length} configuration problem${problems.length === 1 ? "" : "s"}.`,
    ...problems.map((p) => `  - ${p.variable}: ${p.message}`),
  ].join("\n");
}
