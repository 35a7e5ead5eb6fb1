/**
 * Views of the one alert shape for receivers: JSON, ECS, OCSF Detection Finding, CEF, Splunk HEC,
 * Slack and PagerDuty Events v2 (docs/delivery.md). Pure functions of an
 * {@link io.sentinelrisk.core.export.Alert} and a time; no I/O but {@link
 * io.sentinelrisk.core.export.format.AlertFiles}, which writes the top-N export file. Every
 * event-derived string is escaped for its format, never interpreted.
 */
package io.sentinelrisk.core.export.format;
