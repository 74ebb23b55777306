import { type InboxRoute, route } from "@dynamo/federation";
import { receiveDelegation, receiveDelegationAnswer, receiveEvent, receiveIpgDocument } from "./services/inbound.ts";
import { receiveJoin, receiveJoinAnswer } from "./services/registration.ts";
import { LifeDocuments } from "./wire/messages.ts";

/**
 * Where the network life's messages go: events to every node's calendar; delegations to the
 * hub (by its worker: the answer is signed before its transaction); answers to the regions;
 * members' registrations (Joins) to the event's organizer, hub or region, and its answers back;
 * the IPG's published documents and minutes to the regions.
 */
export const lifeRoutes: readonly InboxRoute[] = [
  route(LifeDocuments, "LifeEvent", { on: "hub", apply: "in-transaction", handle: receiveEvent }),
  route(LifeDocuments, "LifeEvent", { on: "region", apply: "in-transaction", handle: receiveEvent }),
  route(LifeDocuments, "DelegationRegistration", { on: "hub", apply: "by-worker", handle: receiveDelegation }),
  route(LifeDocuments, "DelegationAnswer", { on: "region", apply: "in-transaction", handle: receiveDelegationAnswer }),
  route(LifeDocuments, "EventJoin", { on: "hub", apply: "by-worker", handle: receiveJoin }),
  route(LifeDocuments, "EventJoin", { on: "region", apply: "by-worker", handle: receiveJoin }),
  route(LifeDocuments, "EventJoinAnswer", { on: "hub", apply: "in-transaction", handle: receiveJoinAnswer }),
  route(LifeDocuments, "EventJoinAnswer", { on: "region", apply: "in-transaction", handle: receiveJoinAnswer }),
  route(LifeDocuments, "IpgDocument", { on: "region", apply: "in-transaction", handle: receiveIpgDocument }),
];
