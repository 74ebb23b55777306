export { createRegionalNode } from "./app.ts";
