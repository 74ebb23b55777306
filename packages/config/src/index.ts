export {
  type Config,
  type ConfigDefaults,
  formatConfigProblems,
  loadConfig,
  type MailSettings,
} from "./load-config.ts";
export { nodeSecretFingerprint, resolveNodeSecret } from "./node-secret.ts";
export { describeSmtp, type LogLevel } from "./schema.ts";
