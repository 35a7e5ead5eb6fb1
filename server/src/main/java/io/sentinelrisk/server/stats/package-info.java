/**
 * The analytics behind the dashboard's Distributions, Business impact and Model performance
 * pages, served as {@code GET /v1/stats/...}: each service reads SQL aggregations
 * ({@link io.sentinelrisk.server.store.StatsStore}) over a bounded {@link io.sentinelrisk.server.stats.TimeRange}
 * and shapes them into one JSON answer that the REST route and the page's charts both read.
 */
package io.sentinelrisk.server.stats;
