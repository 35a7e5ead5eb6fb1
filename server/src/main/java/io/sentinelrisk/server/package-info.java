/**
 * The SentinelRisk server: REST API under {@code /v1}, the alert, feedback and model stores,
 * API keys and roles, alert delivery and Prometheus metrics. It scores through core's
 * {@code Scorer} and features' {@code EventScorer} (one record path) and never uses the CLI.
 */
package io.sentinelrisk.server;
