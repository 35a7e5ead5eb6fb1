package io.sentinelrisk.report;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {
    @Test
    void escapesTheFiveSpecialCharacters() {
        assertThat(Html.escape("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Html.escape("O'Brien & \"Co\"")).isEqualTo("O&#39;Brien &amp; &quot;Co&quot;");
        assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
        assertThat(Html.escape("plain text, ünïcode ✓")).isEqualTo("plain text, ünïcode ✓");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' onmouseover='x",
        "&lt;already&gt;", "</td></tr></table><h1>x", "a<b>c&d\"e'f"})
    void escapedTextHoldsNoMarkupAndReadsBackAsTheOriginal(String hostile) {
        String e = Html.escape(hostile);
        assertThat(e).doesNotContain("<", ">", "\"", "'");
        // every '&' starts one of the five references
        assertThat(e.replaceAll("&(amp|lt|gt|quot|#39);", "")).doesNotContain("&");
        String back = e.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
        assertThat(back).isEqualTo(hostile);
    }
}
