export { createApp, type RegionalAppDeps } from "./app.ts";
