// Hive Gateway as shipped: inbound in-flight deduplication off (its default).
// Outbound (subgraph) in-flight deduplication stays at its default (on).
export const gatewayConfig = { inboundInflightRequestDeduplication: false };
