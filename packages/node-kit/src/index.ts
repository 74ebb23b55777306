export { type AssembledNode, assembleNode } from "./assemble-node.ts";
export {
  type BallotsArea,
  type BallotsNetwork,
  createBallotsArea,
  type ResultPayload,
  type Verification,
  verifyRollCall,
} from "./ballots/index.ts";
export { type BootedNode, bootNode, closeOnSignal } from "./boot.ts";
export { createNodeApp, type NodeAppDeps, type TenantRouter } from "./create-node-app.ts";
export {
  type AddUserError,
  addFirstUser,
  authorize,
  CSRF_FIELD,
  CSRF_HEADER,
  deriveIdentityKeys,
  type IdentityDeps,
} from "./identity/index.ts";
export { configureLogging } from "./logging.ts";
export { createNodeMail, createSmtpMailer, type Mailer, type MailMessage } from "./mail/index.ts";
export {
  createChromiumPdfRenderer,
  createReportsArea,
  type ReportsArea,
  type ReportsNetwork,
  signDocument,
} from "./reports/index.ts";
export { type AddTenantError, addTenant, ensureFirstTenant } from "./services/tenants.ts";
