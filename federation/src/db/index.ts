export {
  type ClaimedDelivery,
  createDeliveryQueue,
  createDeliveryRepo,
  type DeliveryQueue,
  type DeliveryRepo,
} from "./deliveries.ts";
export { createOutboxRepo, type NewOutboxEntry, type OutboxEntry, type OutboxRepo } from "./outbox.ts";
export { createPeerRepo, type PeerInput, type PeerRepo } from "./peers.ts";
export { createPublicationRepo, type PublicationRepo, type PublicationVersion } from "./publications.ts";
export { createReceivedRepo, type InboxRefusal, type ReceivedRepo } from "./received.ts";
export { createRosterRepo, type PublishedPlatform, type RosterRepo } from "./roster.ts";
