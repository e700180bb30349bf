package org.tokenfab.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.tokenfab.sim.TokenFabException;

/** What the YAML layer of the loader accepts, and the line, column and advice of what it rejects. */
class SafeYamlTest {
    private final SafeYaml yaml = new SafeYaml("scenario");

    private void assertRejected(String text, String message) {
        assertThatThrownBy(() -> yaml.read("s.yaml", text)).isInstanceOf(TokenFabException.class).hasMessage(message);
    }

    @Test
    void plainValuesAndCoreTagsAreRead() {
        assertThat(yaml.read("s.yaml", "a: 1\nb: [x, {c: true}]\nd: !!str 12\n").toString())
                .isEqualTo("{\"a\":1,\"b\":[\"x\",{\"c\":true}],\"d\":\"12\"}");
    }

    @Test
    void typeTagsAreRejectedNeverInstantiated() {
        assertRejected("name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n",
                "s.yaml:1:7: the tag '!!javax.script.ScriptEngineManager' is not allowed; a scenario holds plain values (text,"
                        + " numbers, true/false, lists and mappings), never typed objects");
        assertRejected("a:\n  b: !custom 3\n", "s.yaml:2:6: the tag '!custom' is not allowed; a scenario holds plain values (text,"
                + " numbers, true/false, lists and mappings), never typed objects");
    }

    @Test
    void aliasesAreRejectedRatherThanMisreadAsText() {
        assertRejected("base: &b {tp: 2}\nother: *b\n", "s.yaml:2:8: an alias (*b) is not supported in a scenario; write the value"
                + " out (aliases would be read as the plain text 'b')");
    }

    @Test
    void sizeDepthAndCollectionsAreBounded() {
        assertRejected("a: " + "[".repeat(40) + "]".repeat(40), "s.yaml:1:35: nested more than 32 levels deep; a scenario has a few levels");
        assertRejected("a: [" + "1, ".repeat(SafeYaml.MAX_COLLECTION_ITEMS) + "1]",
                "s.yaml:1:30005: more than 10000 items in one list or mapping; a scenario has far fewer");
        String big = "a: '" + "x".repeat(SafeYaml.MAX_DOCUMENT_CHARS) + "'";
        assertRejected(big, "s.yaml: " + big.length() + " characters is too large for a scenario (limit 4194304)");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            many.append("k").append(i).append(": [").append("1, ".repeat(9_000)).append("1]\n");
        }
        assertThatThrownBy(() -> yaml.read("s.yaml", many.toString())).hasMessageEndingWith(
                "more than 200000 values in one document; a scenario has far fewer");
    }

    @Test
    void duplicateKeysAndSecondDocumentsAreErrors() {
        assertRejected("a: 1\nb:\n  c: 1\n  c: 2\n", "s.yaml:4:3: key 'c' appears twice in the same mapping; give each key once");
        assertRejected("a: 1\n---\na: 2\n", "s.yaml:3:1: a second YAML document (after '---'); a scenario file holds one document");
    }

    @Test
    void syntaxErrorsSayLineColumnAndTheLikelyCause() {
        assertRejected("a: 1\n\tb: 2\n", "s.yaml:2:1: not valid YAML: a tab character; YAML indents with spaces only: replace the tab with spaces");
        assertRejected("a: {b: 1, c: 2\nd: 3\n", "s.yaml:2:2: not valid YAML: expected ',' or '}', but got : (while parsing a flow"
                + " mapping); a '{' or '[' is not closed, or a comma is missing between items");
        assertRejected("a: 1\n b: 2\n", "s.yaml:2:3: not valid YAML: mapping values are not allowed here; check this line's"
                + " indentation, or quote a value that contains ': '");
        assertRejected("a:\n  - 1\n b: 2\n", "s.yaml:3:2: not valid YAML: expected <block end>, but found '<block mapping start>'"
                + " (while parsing a block mapping); check the indentation: items of one mapping or list start in the same column");
        assertRejected("a: 'open\n", "s.yaml:2:1: not valid YAML: found unexpected end of stream (while scanning a quoted scalar);"
                + " a quote is not closed, or a double-quoted string has an unknown escape (use single quotes)");
        assertRejected("a: .nan\n", "s.yaml:1:4: Malformed numeric value '.nan'; write a finite number (NaN and infinity are not allowed)");
        assertRejected("a: 1\nb: x\u0000\n", "s.yaml:2:5: not valid YAML: character U+0000, a control character or binary data;"
                + " a scenario is a UTF-8 text file (is this the right file?)");
        assertRejected("[a, b]: 1\n", "s.yaml:1:1: a key must be plain text, not a list or a mapping");
    }
}
