import { readFileSync } from "node:fs";

/** The stylesheet, read once when first asked for; served by the node at /assets/app.css. */
let stylesheet: string | undefined;
export function appStylesheet(): string {
  stylesheet ??= readFileSync(new URL("./assets/app.css", import.meta.url), "utf8");
  return stylesheet;
}
