"""Sync with aggregator servers (Tiny Tiny RSS, the Google Reader API, Miniflux): one adapter
module per protocol behind the interface in `base`, and the engine that drives them."""
