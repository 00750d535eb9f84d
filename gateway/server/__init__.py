"""HTTP serving for the gateway: GraphQL-over-HTTP, health and GraphiQL."""

from gateway.server.app import Pipeline, create_app

__all__ = ["Pipeline", "create_app"]
