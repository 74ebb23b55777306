import { isRegionCode, type RegionCode } from "@dynamo/domain";
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
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a PostgreSQL URL (postgres://user:password@host:5432/name)")
      .optional(),
  ),
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
});

/**
 * Rules that join several variables. Checked on the raw environment so that they are reported
 * together with the per-variable problems, not only once those are fixed.
 */
export function crossVariableProblems(
  env: Record<string, string | undefined>,
): { variable: string; message: string }[] {
  const problems: { variable: string; message: string }[] = [];
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
