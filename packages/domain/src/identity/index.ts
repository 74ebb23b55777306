export * from "./country.ts";
export * from "./expiry.ts";
export * from "./password.ts";
export * from "./person.ts";
export * from "./platform.ts";
export * from "./policy.ts";
export * from "./roles.ts";
