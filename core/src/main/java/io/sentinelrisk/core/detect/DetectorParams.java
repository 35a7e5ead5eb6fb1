package io.sentinelrisk.core.detect;

/**
 * A detector's hyper-parameters as a typed record: every value named as in the config
 * ({@code n_estimators}, …), defaulted by the record's documented {@code DEFAULT_*} constants, and
 * validated in its constructor (a {@link io.sentinelrisk.core.config.ConfigException} naming the
 * key and the allowed range). {@code sentinel config check} and {@code train} build the same record
 * through {@link DetectorFactory#paramsOf}, so they accept and refuse the same values.
 */
public interface DetectorParams {
}
