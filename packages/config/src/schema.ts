import { isRegionCode, type RegionCode } from "@dynamo/core";
import { z } from "zod";

const LOG_LEVELS = ["trace", "debug", "info", "warning", "error", "fatal"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

/**
 * Every setting a node reads from its environment. Unknown variables are ignored; each known
 * one is checked, and all problems are reported together.
 */
export const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(["development", "production", "test"]).default("development")),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).optional()),
  HOST: z.preprocess(emptyToUndefined, z.string().min(1).default("127.0.0.1")),
  PUBLIC_URL: z.preprocess(
    emptyToUndefined,
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://africa.example.org" }).optional(),
  ),
  DATABASE_URL: z.preprocess(emptyToUndefined, z.string().superRefine(checkDatabaseUrl).optional()),
  DATABASE_HOST: optionalString,
  DATABASE_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(5432)),
  DATABASE_NAME: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$/, "must be a database name: letters, digits, _ . -")
      .optional(),
  ),
  DATABASE_USER: optionalString,
  DATABASE_PASSWORD: z.preprocess((value) => (value === "" ? undefined : value), z.string().optional()),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().min(1).default("./data")),
  NODE_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().min(32, "must be at least 32 characters (for example: openssl rand -base64 48)").optional(),
  ),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS).default("info")),
  TRUST_PROXY: z.preprocess(emptyToUndefined, z.enum(["true", "false"]).default("false")),
  DEFAULT_REGION: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(isRegionCode, "must be one of AF, AM, AS, EU")
      .transform((code) => code as RegionCode)
      .default("EU"),
  ),
  DEFAULT_TENANT_SLUG: optionalString,
  FEDERATION_ALLOW_PRIVATE_ADDRESSES: z.preprocess(emptyToUndefined, z.enum(["true", "false"]).default("false")),
  METRICS_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().min(24, "must be at least 24 characters (for example: openssl rand -hex 24)").optional(),
  ),
  PAGE_CACHE_MS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .min(0)
      .max(60_000, "must be at most 60000 (a minute): the pages it keeps may be that old")
      .optional(),
  ),
  CHROMIUM_PATH: z.preprocess(emptyToUndefined, z.string().default("/usr/bin/chromium")),
  SMTP_URL: z.preprocess(emptyToUndefined, z.string().transform(parseSmtpUrl).optional()),
  MAIL_FROM: z.preprocess(emptyToUndefined, z.string().transform(parseMailFrom).optional()),
});

const DATABASE_URL_HINT =
  "must be a PostgreSQL URL: postgres://user:password@host:5432/name, with special characters of the password percent-encoded (/ is %2F, @ is %40); or set DATABASE_HOST, DATABASE_USER, DATABASE_PASSWORD (or DATABASE_PASSWORD_FILE) and DATABASE_NAME instead";

/**
 * Reads DATABASE_URL as the PostgreSQL client will: a URL whose user and password are
 * percent-encoded. A raw "/" or "@" in the password makes the host unreadable; that is refused
 * here, with a message that never repeats the value (it holds the password).
 */
function checkDatabaseUrl(value: string, context: z.RefinementCtx): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const scheme = /^(postgres|postgresql):\/\//.exec(value);
  // The client takes the host from between "://" and the first "/" or "?": it must be the URL's own.
  const authority = value.slice(scheme ? scheme[0].length : 0).split(/[/?#]/)[0] ?? "";
  const host = authority.slice(authority.lastIndexOf("@") + 1);
  if (!scheme || url === undefined || url.hostname === "" || host !== url.host || !decodeCredentials(url)) {
    context.addIssue({ code: "custom", message: DATABASE_URL_HINT });
  }
}

/** DATABASE_HOST and its fields as the URL the client takes, each part percent-encoded. */
export function databaseUrlFromFields(fields: {
  host: string;
  port: number;
  name: string;
  user: string;
  password: string | undefined;
}): string {
  const host = fields.host.includes(":") ? `[${fields.host}]` : fields.host;
  const password = fields.password === undefined ? "" : `:${encodeURIComponent(fields.password)}`;
  return `postgres://${encodeURIComponent(fields.user)}${password}@${host}:${fields.port}/${fields.name}`;
}

/** The SMTP relay a node sends email through. The password is kept here only: never logged, never echoed. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** smtps://: TLS from the first byte (port 465); smtp:// upgrades with STARTTLS when the relay offers it. */
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
}

/** The relay as logs may show it: scheme, user, host and port; never the password. */
export function describeSmtp(smtp: SmtpSettings): string {
  const host = smtp.host.includes(":") ? `[${smtp.host}]` : smtp.host;
  return `${smtp.secure ? "smtps" : "smtp"}://${smtp.user === undefined ? "" : `${encodeURIComponent(smtp.user)}@`}${host}:${smtp.port}`;
}

const SMTP_URL_HINT = "must be an SMTP URL: smtp://user:password@host:587 or smtps://user:password@host:465";

/**
 * Reads SMTP_URL. Its problems are worded without the value, which holds a password. User
 * and password are percent-decoded (a password with "@" or "/" is written %40, %2F).
 */
function parseSmtpUrl(value: string, context: z.RefinementCtx): SmtpSettings {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const protocol = url?.protocol.slice(0, -1);
  const decoded = url && decodeCredentials(url);
  if (url === undefined || (protocol !== "smtp" && protocol !== "smtps") || url.hostname === "" || !decoded) {
    context.addIssue({ code: "custom", message: SMTP_URL_HINT });
    return z.NEVER;
  }
  if ((url.pathname !== "" && url.pathname !== "/") || url.search !== "" || url.hash !== "") {
    context.addIssue({ code: "custom", message: `${SMTP_URL_HINT}, without a path or query` });
    return z.NEVER;
  }
  if (decoded.password !== undefined && decoded.user === undefined) {
    context.addIssue({ code: "custom", message: `${SMTP_URL_HINT}: a password needs its user` });
    return z.NEVER;
  }
  const secure = protocol === "smtps";
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port === "" ? (secure ? 465 : 587) : Number(url.port),
    secure,
    ...decoded,
  };
}

function decodeCredentials(url: URL): { user: string | undefined; password: string | undefined } | undefined {
  try {
    return {
      user: url.username === "" ? undefined : decodeURIComponent(url.username),
      password: url.password === "" ? undefined : decodeURIComponent(url.password),
    };
  } catch {
    return undefined;
  }
}

/** The sender of a node's email: an address, or a name and an address. */
export interface MailFrom {
  address: string;
  name: string | undefined;
}

const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

function parseMailFrom(value: string, context: z.RefinementCtx): MailFrom {
  const trimmed = value.trim();
  const named = /^(.*?)\s*<([^<>]+)>$/.exec(trimmed);
  const address = (named ? named[2] : trimmed)?.trim() ?? "";
  const name = named?.[1]?.trim().replace(/^"(.*)"$/, "$1") || undefined;
  if (!ADDRESS.test(address) || address.length > 254) {
    context.addIssue({
      code: "custom",
      message: "must be an email address, alone or with a name: Dynamo Africa <noreply@africa.example.org>",
    });
    return z.NEVER;
  }
  return { address, name };
}

/**
 * Rules that join several variables. Checked on the raw environment so that they are reported
 * together with the per-variable problems, not only once those are fixed.
 */
export function crossVariableProblems(
  env: Record<string, string | undefined>,
): { variable: string; message: string }[] {
  const problems: { variable: string; message: string }[] = [];
  const databaseHost = env.DATABASE_HOST?.trim();
  if (databaseHost && env.DATABASE_URL?.trim()) {
    problems.push({
      variable: "DATABASE_HOST",
      message: "set either DATABASE_URL or DATABASE_HOST and its fields, not both",
    });
  }
  if (databaseHost) {
    for (const field of ["DATABASE_NAME", "DATABASE_USER"] as const) {
      if (!env[field]?.trim()) problems.push({ variable: field, message: "is required with DATABASE_HOST" });
    }
  } else {
    for (const field of ["DATABASE_NAME", "DATABASE_USER", "DATABASE_PASSWORD"] as const) {
      if (env[field]) problems.push({ variable: field, message: "is used with DATABASE_HOST, which is not set" });
    }
  }
  if (env.SMTP_URL?.trim() && !env.MAIL_FROM?.trim()) {
    problems.push({
      variable: "MAIL_FROM",
      message: "is required when SMTP_URL is set: the address the node's email comes from",
    });
  }
  if (env.NODE_ENV?.trim() === "production") {
    if (!env.NODE_SECRET?.trim()) {
      problems.push({
        variable: "NODE_SECRET",
        message: "is required when NODE_ENV=production (at least 32 random characters)",
      });
    }
    if (env.FEDERATION_ALLOW_PRIVATE_ADDRESSES?.trim() === "true") {
      problems.push({
        variable: "FEDERATION_ALLOW_PRIVATE_ADDRESSES",
        message: "is for local demos and tests (peers on 127.0.0.x); it is refused when NODE_ENV=production",
      });
    }
    if (!env.PUBLIC_URL?.trim()) {
      problems.push({
        variable: "PUBLIC_URL",
        message: "is required when NODE_ENV=production: the address the node is reached at",
      });
    }
  }
  return problems;
}

export type Env = z.infer<typeof envSchema>;
