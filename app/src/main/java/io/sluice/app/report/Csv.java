package io.sluice.app.report;

import java.util.List;

/** RFC 4180 CSV: fields quoted only when they need it, quotes doubled, CRLF line ends, null as an empty field. */
final class Csv {
    static final String EOL = "\r\n";

    private Csv() {}

    static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append(EOL);
    }
}
