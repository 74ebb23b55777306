export { type BootedNode, bootNode, closeOnSignal } from "./boot.ts";
export { createNodeApp, type NodeAppDeps, type TenantRouter } from "./create-node-app.ts";
export { configureLogging } from "./logging.ts";
export { type AddTenantError, addTenant, ensureFirstTenant } from "./services/tenants.ts";
