// Hive Gateway with inbound in-flight request deduplication: identical concurrent client
// queries share one execution (gateway-runtime's `inboundInflightRequestDeduplication`).
export const gatewayConfig = { inboundInflightRequestDeduplication: true };
