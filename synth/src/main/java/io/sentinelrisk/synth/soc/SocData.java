package io.sentinelrisk.synth.soc;

import io.sentinelrisk.core.data.Frame;

/**
 * A generated SOC data set.
 *
 * @param events the events, sorted by timestamp (columns: {@link SocGenerator#EVENT_COLUMNS})
 * @param users  the user catalogue the events were drawn from (columns: {@link SocGenerator#USER_COLUMNS})
 */
public record SocData(Frame events, Frame users) {
}
