package io.setlist.sql.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One JSON object per line (JSONL). A record's fields are the values of the expected keys, in the order given:
 * a string as it is, a number or boolean as its JSON text, an array or object as {@code []} / {@code {}}, and null for a JSON
 * null or an absent key. Keys not asked for are ignored. A line that is not one JSON object is a malformed record.
 */
final class JsonLineReader implements RecordReader {
    private static final JsonFactory JSON = new JsonFactory();

    private final LineSource lines;
    private final List<String> keys;

    JsonLineReader(InputStream in, List<String> keys) {
        this.lines = new LineSource(in);
        this.keys = List.copyOf(keys);
    }

    @Override
    public SourceRecord next() {
        while (lines.advance()) {
            String text = lines.text();
            if (text.isBlank()) {
                continue;
            }
            String[] values = new String[keys.size()];
            String problem = lines.problem();
            if (problem == null) {
                problem = parse(text, values);
            }
            List<String> fields = new ArrayList<>(Arrays.asList(values));
            return new SourceRecord(lines.lineNo(), fields, text, problem);
        }
        return null;
    }

    /** Fills {@code values}; returns what is wrong with the line, or null. */
    private String parse(String text, String[] values) {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "not a JSON object";
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                int slot = keys.indexOf(p.currentName());
                JsonToken value = p.nextToken();
                if (slot < 0) {
                    p.skipChildren();
                } else if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) {
                    // No importer maps a structured value (genres, ...) to a column: it only counts as present.
                    p.skipChildren();
                    values[slot] = value == JsonToken.START_ARRAY ? "[]" : "{}";
                } else {
                    values[slot] = value == JsonToken.VALUE_NULL ? null : p.getText();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return "not a single JSON object";
            }
            return null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "malformed JSON: " + e.getOriginalMessage();
        } catch (IOException e) {
            return "malformed JSON: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        lines.close();
    }
}
