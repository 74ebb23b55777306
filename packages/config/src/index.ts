export {
  type Config,
  type ConfigDefaults,
  type ConfigProblem,
  formatConfigProblems,
  loadConfig,
} from "./load-config.ts";
export { NODE_SECRET_FILE, resolveNodeSecret } from "./node-secret.ts";
export { type Env, envSchema, type LogLevel } from "./schema.ts";
