package org.tokenfab.validation.power;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tokenfab.sim.TokenFabException;

/**
 * A comma-separated table copied from the shared reference into this package's resources (see
 * {@code data/README.md}): a header and rows of plain fields (the copied files have no quoting).
 * Immutable.
 */
final class ReferenceTable {
    /** Resource directory of the copied reference files, as laid out under {@code shared/reference}. */
    static final String DATA_ROOT = "org/tokenfab/validation/power/data/";

    private final String name;
    private final Map<String, Integer> columns;
    private final List<String[]> rows;

    private ReferenceTable(String name, Map<String, Integer> columns, List<String[]> rows) {
        this.name = name;
        this.columns = columns;
        this.rows = rows;
    }

    /** Reads {@code DATA_ROOT + path}. */
    static ReferenceTable load(String path) {
        return loadResource(DATA_ROOT + path);
    }

    static ReferenceTable loadResource(String resource) {
        InputStream in = ReferenceTable.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new TokenFabException("reference table " + resource + " is not on the classpath");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            // Leading '#' lines document the file (our own tables); the header follows them.
            String header = r.readLine();
            int lineNo = 1;
            while (header != null && (header.isBlank() || header.startsWith("#"))) {
                header = r.readLine();
                lineNo++;
            }
            if (header == null) {
                throw new TokenFabException(resource + ": no header line");
            }
            String[] names = header.split(",", -1);
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                columns.put(names[i].strip(), i);
            }
            List<String[]> rows = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != names.length) {
                    throw new TokenFabException(resource + ":" + lineNo + ": " + fields.length + " fields, header has "
                            + names.length);
                }
                rows.add(fields);
            }
            return new ReferenceTable(resource, Collections.unmodifiableMap(columns), Collections.unmodifiableList(rows));
        } catch (IOException e) {
            throw new TokenFabException(resource + ": cannot be read: " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    int size() {
        return rows.size();
    }

    String text(int row, String column) {
        return rows.get(row)[index(column)].strip();
    }

    double number(int row, String column) {
        String v = text(row, column);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new TokenFabException(name + ": row " + (row + 2) + ", column '" + column + "': '" + v
                    + "' is not a number", e);
        }
    }

    int integer(int row, String column) {
        double v = number(row, column);
        if (v != Math.rint(v)) {
            throw new TokenFabException(name + ": row " + (row + 2) + ", column '" + column + "': " + v
                    + " is not a whole number");
        }
        return (int) v;
    }

    private int index(String column) {
        Integer i = columns.get(column);
        if (i == null) {
            throw new TokenFabException(name + ": no column '" + column + "'; columns: " + columns.keySet());
        }
        return i;
    }
}
