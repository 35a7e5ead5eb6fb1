package io.sentinelrisk.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code Path} option as something the command writes. {@link OutputPlan} reads it: every
 * other {@code Path} option is an input, and no output may be the same file as an input or as
 * another output. Marking the field (not naming the flag) keeps the rule when a flag is renamed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Output {
    /** The output is a directory the command writes files into (evaluate's --plots-dir). */
    boolean directory() default false;
}
