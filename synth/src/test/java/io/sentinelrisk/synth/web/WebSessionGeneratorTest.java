package io.sentinelrisk.synth.web;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.synth.Cols;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.sentinelrisk.synth.Cols.count;
import static io.sentinelrisk.synth.Cols.num;
import static io.sentinelrisk.synth.Cols.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WebSessionGeneratorTest {
    private static Frame sessions;

    @BeforeAll
    static void generate() {
        sessions = WebSessionGenerator.generate(WebSessionConfig.defaults().withSessions(20_000));
    }

    @Test
    void hasTheColumnsOfAWebSessionRiskModel() {
        assertThat(sessions.schema().names()).containsExactlyElementsOf(WebSessionGenerator.COLUMNS);
        assertThat(sessions.rows()).isEqualTo(20_000);
    }

    @Test
    void deterministicForASeedWhateverTheThreads() {
        WebSessionConfig c = WebSessionConfig.defaults().withSessions(9000);
        String one = Cols.dump(WebSessionGenerator.generate(c, 1));
        assertThat(Cols.dump(WebSessionGenerator.generate(c, 3))).isEqualTo(one);
        assertThat(Cols.dump(WebSessionGenerator.generate(c.withRandomState(1), 3))).isNotEqualTo(one);
    }

    @Test
    void suspiciousSessionsAreExactlyTheFractionInEqualShares() {
        String[] scenario = texts(sessions, "scenario");
        assertThat(count(scenario, "bot")).isEqualTo(134);
        assertThat(count(scenario, "account_takeover")).isEqualTo(133);
        assertThat(count(scenario, "emulator")).isEqualTo(133);
        assertThat(java.util.Arrays.stream(num(sessions, "label")).sum()).isEqualTo(400);
    }

    @Test
    void missingValuesFollowTheDevice() {
        String[] device = texts(sessions, "device_type");
        String[] scenario = texts(sessions, "scenario");
        int normal = 0;
        int desktop = 0;
        int handheld = 0;
        int[] missing = new int[WebSessionGenerator.COLUMNS.size()];
        int mouseOnHandheld = 0;
        int touchOnDesktop = 0;
        int motionMissingHandheld = 0;
        for (int r = 0; r < sessions.rows(); r++) {
            if (!scenario[r].equals("normal")) {
                continue;
            }
            normal++;
            boolean isDesktop = device[r].equals("desktop");
            if (isDesktop) {
                desktop++;
                touchOnDesktop += sessions.column("touch_events").isMissing(r) ? 0 : 1;
                assertThat(sessions.column("device_orientation").isMissing(r)).isTrue();
                assertThat(sessions.column("mouse_movement").isMissing(r)).isFalse();
            } else {
                handheld++;
                mouseOnHandheld += sessions.column("mouse_movement").isMissing(r) ? 0 : 1;
                motionMissingHandheld += sessions.column("device_motion").isMissing(r) ? 1 : 0;
                assertThat(sessions.column("device_orientation").isMissing(r)).isFalse();
            }
            for (int c = 0; c < missing.length; c++) {
                missing[c] += sessions.column(c).isMissing(r) ? 1 : 0;
            }
        }
        assertThat(touchOnDesktop).isZero();
        assertThat(mouseOnHandheld).isZero();
        assertThat((double) desktop / normal).isCloseTo(0.50, within(0.02));
        assertThat((double) motionMissingHandheld / handheld).isCloseTo(WebSessionGenerator.P_NO_MOTION_PERMISSION, within(0.015));
        assertThat(rate(missing, "geolocation_city", normal)).isCloseTo(WebSessionGenerator.P_NO_GEOLOCATION, within(0.02));
        assertThat(rate(missing, "transaction_amount", normal)).isCloseTo(WebSessionGenerator.P_NO_PURCHASE, within(0.02));
        assertThat(rate(missing, "browser_info", normal)).isCloseTo(WebSessionGenerator.P_NO_BROWSER_INFO, within(0.005));
        assertThat(rate(missing, "language", normal)).isCloseTo(WebSessionGenerator.P_NO_LANGUAGE, within(0.004));
        assertThat(rate(missing, "timezone_offset", normal)).isCloseTo(WebSessionGenerator.P_NO_TIMEZONE, within(0.004));
        assertThat(rate(missing, "click_events", normal)).isZero();
        assertThat(rate(missing, "screen_width", normal)).isEqualTo(rate(missing, "screen_size", normal));
        assertThat(rate(missing, "user_id", normal)).isZero();
        assertThat(rate(missing, "time_on_page", normal)).isZero();
    }

    private static double rate(int[] missing, String column, int n) {
        return (double) missing[WebSessionGenerator.COLUMNS.indexOf(column)] / n;
    }

    @Test
    void botsClickFastWithoutScrollingOrMovingTheMouse_emulatorsHaveNoMotion() {
        String[] scenario = texts(sessions, "scenario");
        String[] browser = texts(sessions, "browser_info");
        double[] clicks = num(sessions, "click_events");
        double[] time = num(sessions, "time_on_page");
        double[] mouse = num(sessions, "mouse_movement");
        double[] motion = num(sessions, "device_motion");
        double[] amount = num(sessions, "transaction_amount");
        double normalClickRate = 0;
        int normal = 0;
        for (int r = 0; r < scenario.length; r++) {
            switch (scenario[r]) {
                case "bot" -> {
                    assertThat(clicks[r] / time[r]).isGreaterThan(10);
                    assertThat(mouse[r]).isLessThan(30);
                    assertThat(browser[r]).startsWith("HeadlessChrome");
                    assertThat(num(sessions, "page_views")[r]).isGreaterThanOrEqualTo(20);
                }
                case "emulator" -> {
                    assertThat(motion[r]).isZero();
                    assertThat(mouse[r]).isPositive();
                }
                case "account_takeover" -> {
                    assertThat(amount[r]).isGreaterThan(100);
                    assertThat(num(sessions, "transactions")[r]).isEqualTo(1);
                }
                default -> {
                    normalClickRate += clicks[r] / time[r];
                    normal++;
                }
            }
        }
        assertThat(normalClickRate / normal).isLessThan(0.2);
    }
}
