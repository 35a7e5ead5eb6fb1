package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.config.ConfigException;
import org.junit.jupiter.api.Test;

import static io.sentinelrisk.core.judge.JudgeLabels.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JudgeLabelsTest {
    @Test
    void verdictsOverrideTrueLabelsWhichOverrideHeuristics() {
        int[] verdicts = {0, UNKNOWN, UNKNOWN, UNKNOWN, 1};
        int[] truth = {1, 0, UNKNOWN, UNKNOWN, 0};
        int[] heuristics = {1, 1, 1, UNKNOWN, 0};
        JudgeLabels l = JudgeLabels.merge(5, verdicts, truth, heuristics);
        assertThat(l.values()).containsExactly(0, 0, 1, UNKNOWN, 1);
        assertThat(l.source(0)).isEqualTo(JudgeLabels.Source.VERDICT);
        assertThat(l.source(1)).isEqualTo(JudgeLabels.Source.TRUE_LABEL);
        assertThat(l.source(2)).isEqualTo(JudgeLabels.Source.HEURISTIC);
        assertThat(l.source(3)).isEqualTo(JudgeLabels.Source.NONE);
        assertThat(l.counts()).containsEntry("verdicts", 2).containsEntry("true_labels", 1)
                .containsEntry("heuristics", 1).containsEntry("unlabelled", 1)
                .containsEntry("anomalies", 2).containsEntry("normal", 2);
    }

    @Test
    void heuristicsLabelByFirstMatchingRuleAndTrueLabelsWin() {
        JudgeData d = JudgeData.generate(500, 0.1, 3);
        HeuristicRules rules = HeuristicRules.parse("""
                rules:
                  - name: far_out
                    when: x4 > 4
                  - name: vouched
                    when: kind == 'a' and not (x0 > 1.5)
                    label: 0
                  - name: odd_kind
                    when: kind == 'c' and x0 > 0.7 and x1 >= 0.7
                unmatched: unlabelled
                """, "rules.yaml");
        HeuristicRules.Applied a = rules.apply(d.frame);
        double[] x4 = ((io.sentinelrisk.core.data.Column.Numeric) d.frame.column("x4")).values();
        for (int r = 0; r < 500; r++) {
            if (x4[r] > 4) {
                assertThat(a.labels()[r]).isEqualTo(1);
                assertThat(a.rule()[r]).isZero();
            }
        }
        assertThat(a.labels()).contains(UNKNOWN, 0, 1);
        int[] truth = JudgeLabels.sample(d.labels, 0.5, 7);
        JudgeLabels merged = JudgeLabels.merge(500, null, truth, a.labels());
        for (int r = 0; r < 500; r++) {
            if (truth[r] != UNKNOWN) {
                assertThat(merged.values()[r]).isEqualTo(d.labels[r]);
            }
        }
        assertThat(rules.matches(a)).containsOnlyKeys("far_out", "vouched", "odd_kind");
    }

    @Test
    void sampleKeepsAStratifiedShareOfEachClass() {
        int[] truth = new int[1000];
        for (int i = 0; i < 50; i++) {
            truth[i * 20] = 1;
        }
        int[] kept = JudgeLabels.sample(truth, 0.1, 1);
        int pos = 0;
        int neg = 0;
        for (int v : kept) {
            pos += v == 1 ? 1 : 0;
            neg += v == 0 ? 1 : 0;
        }
        assertThat(pos).isEqualTo(5);
        assertThat(neg).isEqualTo(95);
    }

    @Test
    void badRulesAreLocated() {
        JudgeData d = JudgeData.generate(50, 0.1, 3);
        assertThatThrownBy(() -> HeuristicRules.parse("rules:\n  - name: a\n    when: nope > 1\n", "r.yaml").apply(d.frame))
                .isInstanceOf(ConfigException.class).hasMessageContaining("r.yaml:3")
                .hasMessageContaining("unknown column 'nope'");
        assertThatThrownBy(() -> HeuristicRules.parse("rules:\n  - name: a\n    when: x0 >> 1\n", "r.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("r.yaml:3").hasMessageContaining("expected");
        assertThatThrownBy(() -> HeuristicRules.parse("rules:\n  - name: a\n    when: x0 > 1\n    colour: red\n", "r.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'colour'");
        assertThatThrownBy(() -> HeuristicRules.parse("rules:\n  - name: a\n    when: kind < 'a'\n", "r.yaml").apply(d.frame))
                .isInstanceOf(ConfigException.class).hasMessageContaining("holds text");
    }
}
