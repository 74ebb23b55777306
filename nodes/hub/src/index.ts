export { createHubNode } from "./app.ts";
