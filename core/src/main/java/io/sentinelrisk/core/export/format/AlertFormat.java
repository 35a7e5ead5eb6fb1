package io.sentinelrisk.core.export.format;

import io.sentinelrisk.core.export.Alert;

import java.time.Instant;

/**
 * One way to write an {@link Alert} for a receiver: a pure function of the alert and the time of
 * writing (used where the alert does not know its event time, and for "created" stamps). Every
 * string taken from the event is escaped for the format, never interpreted.
 */
public sealed interface AlertFormat
        permits JsonAlertFormat, EcsFormat, OcsfFormat, CefFormat, HecFormat, SlackFormat, PagerDutyFormat {

    /** The alert as one document of this format (one line for CEF; no trailing newline). */
    String render(Alert alert, Instant now);

    /** The media type a receiver is sent. */
    String contentType();

    /** Which format this is. */
    ExportFormat id();
}
