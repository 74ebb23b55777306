export * from "./delivery.ts";
export * from "./network-platform.ts";
export * from "./peering.ts";
export * from "./publication.ts";
