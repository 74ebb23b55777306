export {
  type Config,
  type ConfigDefaults,
  type ConfigProblem,
  formatConfigProblems,
  loadConfig,
  type MailSettings,
} from "./load-config.ts";
export { NODE_SECRET_FILE, resolveNodeSecret } from "./node-secret.ts";
export {
  describeSmtp,
  type Env,
  envSchema,
  type LogLevel,
  type MailFrom,
  type SmtpSettings,
} from "./schema.ts";
