export { createProcedureArea, type ProcedureAreaOptions, procedureArea, procedureDeps } from "./area.ts";
export { importMarkdown } from "./text/markdown.ts";
