/**
 * The dashboard: server-rendered pages (JTE templates, precompiled at build time) over the same
 * {@link io.sentinelrisk.server.api.Api} methods the REST routes call, with API-key sign-in,
 * server-side sessions, CSRF tokens, role checks and security headers on every page.
 *
 * <p>How to add a page (the layout API):
 * <ol>
 *   <li>Write {@code src/main/jte/NAME.jte}. Its first parameter is a record whose {@code page()}
 *       is a {@link io.sentinelrisk.server.web.PageContext}; wrap the body in the layout:
 *       <pre>
 *       &#64;param io.sentinelrisk.server.web.MyView view
 *       &#64;template.layout(page = view.page(), content = &#64;`
 *           &lt;h1&gt;...&lt;/h1&gt;   (everything written with ${...} is HTML-escaped)
 *       `)
 *       </pre></li>
 *   <li>Write a handler {@code (ctx, session) -> ...} that calls the Api, builds the view record
 *       with {@code PageContext.of(ctx, session, Nav.ENTRY, "Title")} and answers
 *       {@code templates.render(ctx, "NAME.jte", view)}.</li>
 *   <li>Register it in {@link io.sentinelrisk.server.web.PageTable#pages} as
 *       {@code new Page(GET, "/path", Role.ANALYST, handler)}: the {@link io.sentinelrisk.server.web.PageGate}
 *       then checks the session, the role (403 page otherwise), the CSRF token of every POST and
 *       sets the security headers. {@link io.sentinelrisk.server.web.Nav} lists the navigation
 *       entries with the role each needs.</li>
 * </ol>
 * Scripts live in {@code /static/app.js} only: the Content-Security-Policy forbids inline scripts
 * and inline styles, so a page passes data to scripts in {@code data-*} attributes.
 */
package io.sentinelrisk.server.web;
