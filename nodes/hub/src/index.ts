export { createApp, type HubAppDeps } from "./app.ts";
