import type { Role } from "@dynamo/core";
import type { DemoNode } from "./network.ts";

/** The demo's shared passphrase: a local demo on 127.0.0.x only. Written to network.json (mode 600). */
export const DEMO_PASSWORD = "street work demo passphrase";

export interface DemoAccount {
  node: string;
  email: string;
  roles: Role[];
  displayName: string;
}

/** Who can log in on each node: its administrator and a few people with other roles. */
export function demoAccounts(node: DemoNode): DemoAccount[] {
  const at = (who: string) => `${who}@${node.slug}.demo`;
  if (node.kind === "hub") {
    return [
      { node: node.slug, email: at("admin"), roles: ["hub_admin"], displayName: "Hub admin" },
      { node: node.slug, email: at("tech"), roles: ["technical_team"], displayName: "Technical team" },
      { node: node.slug, email: at("ipg"), roles: ["ipg_secretariat"], displayName: "IPG secretariat" },
    ];
  }
  return [
    { node: node.slug, email: at("admin"), roles: ["node_admin"], displayName: `${node.slug} admin` },
    {
      node: node.slug,
      email: at("coordinator"),
      roles: ["regional_coordinator"],
      displayName: `${node.slug} coordinator`,
    },
    { node: node.slug, email: at("member"), roles: ["member"], displayName: `${node.slug} member` },
  ];
}

/** A few national platforms per region, published to the hub once the region is peered. */
export const DEMO_PLATFORMS: Record<string, { countryCode: string; name: string; status: "active" | "observer" }[]> = {
  africa: [
    { countryCode: "SN", name: "Plateforme sénégalaise", status: "active" },
    { countryCode: "CD", name: "Plateforme congolaise", status: "active" },
    { countryCode: "MA", name: "Plateforme marocaine", status: "observer" },
  ],
  americas: [
    { countryCode: "BR", name: "Plataforma brasileira", status: "active" },
    { countryCode: "CO", name: "Plataforma colombiana", status: "active" },
  ],
  asia: [
    { countryCode: "NP", name: "Nepal platform", status: "active" },
    { countryCode: "PH", name: "Philippines platform", status: "active" },
  ],
  europe: [
    { countryCode: "BE", name: "Plateforme belge", status: "active" },
    { countryCode: "FR", name: "Plateforme française", status: "active" },
    { countryCode: "PT", name: "Plataforma portuguesa", status: "observer" },
  ],
};
