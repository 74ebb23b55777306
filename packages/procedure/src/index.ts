export { procedureArea, procedureDeps } from "./area.ts";
export { importMarkdown } from "./text/markdown.ts";
