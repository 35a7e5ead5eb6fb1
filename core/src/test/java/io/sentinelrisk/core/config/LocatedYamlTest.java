package io.sentinelrisk.core.config;

import io.sentinelrisk.core.error.InputLocation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one YAML/JSON reader that configs, scenario files and feature specs share. */
class LocatedYamlTest {
    @Test
    void everyNodeAndKeyKnowsWhereItWasWritten() {
        YamlNode root = LocatedYaml.parse("a: 1\nb:\n  - x\n  - 2.5\n  - true\n  - ~\nc: {d: 9000000000}\n", "f.yaml", false);
        YamlNode.Mapping m = (YamlNode.Mapping) root;
        assertThat(m.entries().keySet()).containsExactly("a", "b", "c");
        assertThat(m.keys().get("b")).isEqualTo(new InputLocation("f.yaml", 2, 1));
        YamlNode.Sequence b = (YamlNode.Sequence) m.entries().get("b");
        assertThat(b.items()).extracting(YamlNode::location).extracting(InputLocation::line).containsExactly(3L, 4L, 5L, 6L);
        assertThat(((YamlNode.Scalar) b.items().get(0)).value()).isEqualTo("x");
        assertThat(((YamlNode.Scalar) b.items().get(1)).value()).isEqualTo(2.5);
        assertThat(((YamlNode.Scalar) b.items().get(2)).value()).isEqualTo(Boolean.TRUE);
        assertThat(((YamlNode.Scalar) b.items().get(3)).value()).isNull();
        assertThat(((YamlNode.Scalar) m.entries().get("a")).value()).isEqualTo(1);
        YamlNode.Mapping c = (YamlNode.Mapping) m.entries().get("c");
        assertThat(((YamlNode.Scalar) c.entries().get("d")).value()).isEqualTo(9_000_000_000L);
        assertThat(((YamlNode.Scalar) c.entries().get("d")).text()).isEqualTo("9000000000");
    }

    @Test
    void yamlAndJsonGiveTheSameTree() {
        LocatedTree y = LocatedTree.parse("a: 1\nb: [x, 2]\n", "f.yaml", false);
        LocatedTree j = LocatedTree.parse("{\"a\": 1, \"b\": [\"x\", 2]}", "f.json", true);
        assertThat(y.root()).isEqualTo(j.root());
        assertThat(j.locate("b")).isEqualTo(new InputLocation("f.json", 1, 10));
    }

    @Test
    void duplicateKeysBadSyntaxAndTrailingContentAreLocatedErrors() {
        assertThatThrownBy(() -> LocatedYaml.parse("a: 1\nb: 2\na: 3\n", "f.yaml", false))
                .isInstanceOf(ConfigException.class).hasMessage("f.yaml:3:1: key 'a' appears twice in the same mapping");
        assertThatThrownBy(() -> LocatedYaml.parse("a: [1\n", "f.yaml", false))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("f.yaml:").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> LocatedYaml.parse("{\"a\": 1} 2", "f.json", true))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unexpected content after the document");
    }

    @Test
    void tagsDoNotInstantiateAnything() {
        YamlNode root = LocatedYaml.parse("a: !!javax.script.ScriptEngineManager [x]\n", "f.yaml", false);
        assertThat(((YamlNode.Mapping) root).entries().get("a")).isInstanceOf(YamlNode.Sequence.class);
    }

    @Test
    void anEmptyDocumentIsAnEmptyMapping() {
        assertThat(((YamlNode.Mapping) LocatedYaml.parse("# nothing\n", "f.yaml", false)).entries()).isEmpty();
    }
}
