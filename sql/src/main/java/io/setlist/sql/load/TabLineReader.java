package io.setlist.sql.load;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Tab-separated lines with no quoting at all, as Last.fm and HetRec write them: a {@code "} is an ordinary
 * character (artist names like {@code "Weird Al" Yankovic} or a lone stray quote), a comma is an ordinary character
 * (country names like {@code Korea, Republic of}). Every physical line is one record.
 */
final class TabLineReader implements RecordReader {
    private final LineSource lines;

    TabLineReader(InputStream in) {
        this.lines = new LineSource(in);
    }

    @Override
    public SourceRecord next() {
        while (lines.advance()) {
            String text = lines.text();
            if (text.isEmpty()) {
                continue;
            }
            return new SourceRecord(lines.lineNo(), split(text), text, lines.problem());
        }
        return null;
    }

    static List<String> split(String text) {
        List<String> fields = new ArrayList<>(6);
        int start = 0;
        for (int tab = text.indexOf('\t'); tab >= 0; tab = text.indexOf('\t', start)) {
            fields.add(text.substring(start, tab));
            start = tab + 1;
        }
        fields.add(text.substring(start));
        return fields;
    }

    @Override
    public void close() {
        lines.close();
    }
}
