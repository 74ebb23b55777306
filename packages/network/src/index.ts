export { networkArea } from "./area.ts";
