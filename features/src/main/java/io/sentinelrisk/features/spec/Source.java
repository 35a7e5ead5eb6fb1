package io.sentinelrisk.features.spec;

import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.expr.Expr;

/** An expression from a spec: its text, its parsed tree and where it was written. */
public record Source(String text, Expr expr, InputLocation location) {
}
