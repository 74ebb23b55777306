export * from "./locale.ts";
export * from "./result.ts";
export * from "./tenant.ts";
