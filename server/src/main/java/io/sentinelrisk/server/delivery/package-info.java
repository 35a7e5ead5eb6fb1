/**
 * Alert delivery (docs/delivery.md): routes read from config, one bounded queue and worker per
 * route, HTTP POST with exponential back-off (resilience4j), and the delivery log with its dead
 * letters (table {@code deliveries}, migration V2). The server calls
 * {@link io.sentinelrisk.server.delivery.DeliveryService#submit} for each stored alert and
 * {@link io.sentinelrisk.server.delivery.DeliveryService#deliveries} for {@code GET /v1/deliveries}.
 */
package io.sentinelrisk.server.delivery;
