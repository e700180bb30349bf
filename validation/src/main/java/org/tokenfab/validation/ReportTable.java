package org.tokenfab.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of a validation report, rendered as aligned text for the console, as Markdown for the
 * report file and as CSV rows. Suite-agnostic.
 *
 * @param title caption
 * @param header column names
 * @param rows cells, as formatted strings
 */
public record ReportTable(String title, List<String> header, List<List<String>> rows) implements java.io.Serializable {
    public ReportTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** Columns padded to their widest cell; numbers right-aligned. */
    public String text() {
        int[] w = widths();
        StringBuilder sb = new StringBuilder(title).append('\n');
        appendRow(sb, header, w);
        for (List<String> r : rows) {
            appendRow(sb, r, w);
        }
        return sb.toString();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("**").append(title).append("**\n\n| ");
        sb.append(String.join(" | ", header)).append(" |\n|");
        for (String h : header) {
            sb.append(numeric(h) ? "---:|" : "---|");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }

    /** CSV lines: the table title as the first column, then the cells (header first). */
    public List<String> csv() {
        List<String> out = new ArrayList<>();
        out.add(csvLine(title, header));
        for (List<String> r : rows) {
            out.add(csvLine(title, r));
        }
        return out;
    }

    private static String csvLine(String title, List<String> cells) {
        StringBuilder sb = new StringBuilder(escape(title));
        for (String c : cells) {
            sb.append(',').append(escape(c));
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private int[] widths() {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        return w;
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] w) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            boolean right = !c.isEmpty() && (Character.isDigit(c.charAt(0)) || c.charAt(0) == '-' && c.length() > 1);
            String pad = " ".repeat(w[i] - c.length());
            sb.append(i == 0 ? "  " : "  ").append(right ? pad + c : c + pad);
        }
        sb.append('\n');
    }

    private static boolean numeric(String header) {
        return header.contains("%") || header.equals("rows") || header.contains("APE");
    }
}
