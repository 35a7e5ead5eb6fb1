package io.sentinelrisk.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * The JTE templates of {@code src/main/jte}, compiled to classes at build time (jte-maven-plugin):
 * nothing is compiled at run time. Output is HTML with every {@code ${...}} escaped for its
 * context (text, attribute), so a value from an event is always shown as text.
 */
public final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders {@code name} with its one parameter {@code view} as the HTML answer. */
    public void render(Context ctx, String name, Object view) {
        ctx.contentType("text/html; charset=utf-8").result(html(name, view));
    }

    /** The rendered HTML text (for fragments that are sent another way, such as SSE). */
    public String html(String name, Object view) {
        StringOutput out = new StringOutput(8192);
        engine.render(name, view, out);
        return out.toString();
    }
}
