package org.tokenfab.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class YamlTreeTest {
    @Test
    void setsAndReadsByLoaderPaths() {
        var tree = YamlTree.parse("a: 1\ncluster:\n  pools:\n    - name: main\n      replicas: 2\n");
        YamlTree.set(tree, "cluster.pools[0].parallelism.tp", "4");
        YamlTree.set(tree, "cluster.pools[0].replicas", "");
        YamlTree.set(tree, "workload.arrivals.rate", "10/s");
        YamlTree.set(tree, "x", "0.5");
        assertThat(YamlTree.get(tree, "cluster.pools[0].parallelism.tp").isIntegralNumber()).isTrue();
        assertThat(YamlTree.get(tree, "cluster.pools[0].replicas")).isNull();
        assertThat(YamlTree.text(tree, "workload.arrivals.rate")).isEqualTo("10/s");
        assertThat(YamlTree.get(tree, "x").isDouble()).isTrue();
        String out = YamlTree.write(tree);
        assertThat(YamlTree.parse(out)).hasToString(tree.toString());
        assertThat(FormField.pathIn("f.yaml: cluster.pools[0].replicas: must be >= 1", "f.yaml"))
                .hasValue("cluster.pools[0].replicas");
        assertThat(FormField.pathIn("f.yaml (line 3, column 2): not valid YAML: x", "f.yaml")).isEmpty();
    }
}
