package org.tokenfab.hardware;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

import org.tokenfab.sim.TokenFabException;

/**
 * A user's YAML (a scenario, a catalog entry) to a tree of plain values (strings, numbers,
 * booleans, lists, mappings), and nothing else. Jackson's YAML parser never instantiates classes, but it quietly ignores type tags
 * ({@code !!java.net.URL}) and reads an alias ({@code *base}) as the string "base" — a silent
 * misreading — so both are rejected here, at their line and column. Also rejected: duplicate keys,
 * a second document, documents over {@value #MAX_DOCUMENT_CHARS} characters, nesting deeper than
 * {@value #MAX_DEPTH}, collections of more than {@value #MAX_COLLECTION_ITEMS} items and more than
 * {@value #MAX_VALUES} values in all (a scenario or a catalog entry has hundreds: the limits stop a
 * hostile or generated file from taking the heap before the loader gets to say what is wrong with
 * it). Messages name the kind of file, so a catalog entry's say "catalog entry", not "scenario".
 *
 * <p>Every problem is a {@link TokenFabException} "{@code source:line:column: what; what to do}".
 */
public final class SafeYaml {
    /** Documents larger than this are not scenarios or catalog entries. */
    public static final int MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;
    static final int MAX_DEPTH = 32;
    static final int MAX_COLLECTION_ITEMS = 10_000;
    static final int MAX_VALUES = 200_000;

    /** The core schema's tags: harmless, they only say what the value plainly is. */
    private static final Set<String> CORE_TAGS = Set.of("str", "int", "float", "bool", "null", "map", "seq")
            .stream().map(t -> "tag:yaml.org,2002:" + t).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final String kind;
    private final YAMLFactory factory;
    private final ObjectMapper mapper;

    /** @param kind what the documents are, for messages: "scenario", "catalog entry" */
    public SafeYaml(String kind) {
        this.kind = kind;
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_DOCUMENT_CHARS);
        options.setNestingDepthLimit(MAX_DEPTH + 8); // ours first: it says where
        this.factory = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 8).build())
                .build();
        this.mapper = new ObjectMapper(factory).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** The document's tree; null (or a missing node) for an empty document. */
    public JsonNode read(String source, String text) {
        if (text.length() > MAX_DOCUMENT_CHARS) {
            throw new TokenFabException(source + ": " + text.length() + " characters is too large for a " + kind + " (limit "
                    + MAX_DOCUMENT_CHARS + ")");
        }
        try (Checked parser = new Checked(source, kind, (YAMLParser) factory.createParser(text))) {
            try {
                JsonNode tree = mapper.readTree(parser);
                if (tree != null && parser.nextToken() != null) {
                    throw parser.error("a second YAML document (after '---'); a " + kind + " file holds one document");
                }
                return tree;
            } catch (JacksonException e) {
                if (e.getCause() instanceof ReaderException bad) {
                    // A character YAML does not allow (NUL, other controls): SnakeYAML knows where, Jackson does not.
                    throw new TokenFabException(source + lineAndColumn(text, bad.getPosition()) + ": not valid YAML: character "
                            + String.format(Locale.ROOT, "U+%04X", bad.getCodePoint()) + ", a control character or binary data; a " + kind + " is"
                            + " a UTF-8 text file (is this the right file?)", e);
                }
                throw new TokenFabException(source + describe(e, parser.currentTokenLocation(), kind), e);
            }
        } catch (IOException e) {
            throw new TokenFabException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * ":line:column: what was wrong; what to do" from the parser's exception: SnakeYAML's own mark
     * for syntax errors, else the start of the token being read (Jackson's location is its end).
     */
    private static String describe(JacksonException e, JsonLocation token, String kind) {
        if (e.getCause() instanceof MarkedYAMLException marked) {
            Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
            String where = mark == null ? "" : ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            return where + ": not valid YAML: " + explain(marked.getProblem(), marked.getContext());
        }
        String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        JsonLocation at = token != null && token.getLineNr() > 0 ? token : e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
        if (message.startsWith("Duplicate field '")) {
            String key = message.substring("Duplicate field '".length(), message.indexOf('\'', "Duplicate field '".length()));
            return where + ": key '" + key + "' appears twice in the same mapping; give each key once";
        }
        if (message.startsWith("Expected a field name")) {
            return where + ": a key must be plain text, not a list or a mapping";
        }
        if (message.startsWith("Malformed numeric value")) {
            return where + ": " + firstLine(message) + "; write a finite number (NaN and infinity are not allowed)";
        }
        if (message.contains("exceeds the limit")) {
            return where + ": the document is larger than " + MAX_DOCUMENT_CHARS + " characters, the limit for a " + kind;
        }
        return where + ": not valid YAML: " + firstLine(message);
    }

    /** ":line:column" of the {@code position}-th code point of {@code text}. */
    private static String lineAndColumn(String text, int position) {
        int line = 1;
        int column = 1;
        for (int i = 0, cp = 0; i < text.length() && cp < position; i += Character.charCount(text.codePointAt(i)), cp++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return ":" + line + ":" + column;
    }

    /** SnakeYAML's problem, with what usually causes it. */
    private static String explain(String problem, String context) {
        String p = problem == null ? "unreadable" : firstLine(problem);
        String lower = p.toLowerCase(Locale.ROOT);
        if (lower.contains("(tab)")) {
            return "a tab character; YAML indents with spaces only: replace the tab with spaces";
        }
        String hint;
        if (lower.contains("mapping values are not allowed")) {
            hint = "check this line's indentation, or quote a value that contains ': '";
        } else if (context != null && context.contains("flow")) {
            hint = "a '{' or '[' is not closed, or a comma is missing between items";
        } else if (context != null && context.contains("quoted scalar")) {
            hint = "a quote is not closed, or a double-quoted string has an unknown escape (use single quotes)";
        } else if (lower.contains("could not find expected ':'")) {
            hint = "each line of a mapping is 'key: value'; check the indentation";
        } else if (lower.contains("expected <block end>")) {
            hint = "check the indentation: items of one mapping or list start in the same column";
        } else {
            hint = null;
        }
        String what = p + (context == null ? "" : " (" + firstLine(context) + ")");
        return hint == null ? what : what + "; " + hint;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The parser with the checks above applied token by token, so errors know their line. */
    private static final class Checked extends JsonParserDelegate {
        private final String source;
        private final String kind;
        private final YAMLParser yaml;
        /** Items so far in each open collection, innermost last. */
        private final Deque<int[]> open = new ArrayDeque<>();
        private long values;

        Checked(String source, String kind, YAMLParser yaml) {
            super(yaml);
            this.source = source;
            this.kind = kind;
            this.yaml = yaml;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken t = super.nextToken();
            if (t == null || t == JsonToken.FIELD_NAME) {
                return t;
            }
            if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                open.pollLast();
                return t;
            }
            if (yaml.isCurrentAlias()) {
                throw error("an alias (*" + yaml.getText() + ") is not supported in a " + kind + "; write the value out"
                        + " (aliases would be read as the plain text '" + yaml.getText() + "')");
            }
            String tag = yaml.getTypeId();
            if (tag != null && !CORE_TAGS.contains(tag)) {
                throw error("the tag '" + shortTag(tag) + "' is not allowed; a " + kind + " holds plain values (text, numbers,"
                        + " true/false, lists and mappings), never typed objects");
            }
            if (++values > MAX_VALUES) {
                throw error("more than " + MAX_VALUES + " values in one document; a " + kind + " has far fewer");
            }
            int[] parent = open.peekLast();
            if (parent != null && ++parent[0] > MAX_COLLECTION_ITEMS) {
                throw error("more than " + MAX_COLLECTION_ITEMS + " items in one list or mapping; a " + kind + " has far fewer");
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                if (open.size() >= MAX_DEPTH) {
                    throw error("nested more than " + MAX_DEPTH + " levels deep; a " + kind + " has a few levels");
                }
                open.addLast(new int[1]);
            }
            return t;
        }

        private static String shortTag(String tag) {
            return tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring("tag:yaml.org,2002:".length()) : "!" + tag;
        }

        TokenFabException error(String what) {
            JsonLocation at = yaml.currentTokenLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            return new TokenFabException(source + where + ": " + what);
        }
    }
}
