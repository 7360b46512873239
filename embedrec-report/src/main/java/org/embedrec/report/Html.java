package org.embedrec.report;

import java.util.List;

/** Builds the report page: escaped text, headings and tables, nothing that loads from the network. */
final class Html {
    private final StringBuilder out = new StringBuilder();

    /** Escapes text for element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Appends markup as is: only for literals written in this module. */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Appends escaped text. */
    Html text(String text) {
        out.append(escape(text));
        return this;
    }

    /** A section heading with an id for links and tests. */
    Html section(String id, String title) {
        out.append("<section id=\"").append(escape(id)).append("\">\n<h2>").append(escape(title)).append("</h2>\n");
        return this;
    }

    Html endSection() {
        out.append("</section>\n");
        return this;
    }

    Html paragraph(String text) {
        out.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A table; every cell is escaped. Cells that parse as numbers are right-aligned. */
    Html table(List<String> header, List<List<String>> rows) {
        out.append("<table>\n<thead><tr>");
        for (String cell : header) {
            out.append("<th>").append(escape(cell)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            for (String cell : row) {
                out.append(isNumber(cell) ? "<td class=\"n\">" : "<td>").append(escape(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        return this;
    }

    /** An image with alternative text; {@code source} is a relative path or a data URI. */
    Html image(String source, String alt, int width, int height) {
        out.append("<figure><img src=\"").append(escape(source)).append("\" alt=\"").append(escape(alt))
                .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\"><figcaption>")
                .append(escape(alt)).append("</figcaption></figure>\n");
        return this;
    }

    private static boolean isNumber(String cell) {
        return cell.matches("[-+]?[0-9][0-9,]*(\\.[0-9]+)?%?");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
