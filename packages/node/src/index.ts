export {
  type AreaDefinition,
  type AreaGauge,
  type AreaKernel,
  type AreaRuntime,
  defineArea,
} from "./area.ts";
export { type BootedNode, bootNode, closeOnSignal, runNode } from "./boot.ts";
export { type BuildNodeOptions, type BuiltNode, buildNode } from "./build-node.ts";
export { createNodeApp, type NodeAppDeps } from "./create-node-app.ts";
export {
  type AreaEvent,
  type AreaEvents,
  createAreaEvents,
  type EventDelivery,
  type EventName,
  type EventRegistry,
  type EventSubscriber,
  startEventDelivery,
  subscribe,
} from "./events.ts";
export {
  collectHome,
  type HomeContent,
  type HomeContribution,
  type HomeItem,
  type HomeItemsSource,
  type HomeViewer,
  homeViewer,
} from "./home.ts";
export { createNodeServer, earlyProblem } from "./http-server.ts";
export { configureLogging } from "./logging.ts";
export { type AddTenantError, addTenant, ensureFirstTenant } from "./services/tenants.ts";
export { assembleSite } from "./site.ts";
