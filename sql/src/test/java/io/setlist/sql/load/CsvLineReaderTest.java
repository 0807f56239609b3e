package io.setlist.sql.load;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvLineReaderTest {
    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() {
        List<SourceRecord> records = read("a,\"b, c\",\"say \"\"hi\"\"\"\nx,\"two\nlines\",z\nlast,row,here\n");

        assertThat(records).extracting(SourceRecord::fields).containsExactly(
                List.of("a", "b, c", "say \"hi\""),
                List.of("x", "two\nlines", "z"),
                List.of("last", "row", "here"));
        assertThat(records).extracting(SourceRecord::lineNo).containsExactly(1L, 2L, 4L);
        assertThat(records.get(1).rawLine()).isEqualTo("x,\"two\nlines\",z");
        assertThat(records).allSatisfy(r -> assertThat(r.problem()).isNull());
    }

    @Test
    void acceptsCrlfAndALastLineWithoutLineEnd() {
        List<SourceRecord> records = read("h1,h2\r\n1,2\r\n3,4");

        assertThat(records).extracting(SourceRecord::fields)
                .containsExactly(List.of("h1", "h2"), List.of("1", "2"), List.of("3", "4"));
        assertThat(records).extracting(SourceRecord::rawLine).containsExactly("h1,h2", "1,2", "3,4");
        assertThat(records).extracting(SourceRecord::lineNo).containsExactly(1L, 2L, 3L);
    }

    @Test
    void countsCrlfInsideAQuotedFieldAsOneLine() {
        List<SourceRecord> records = read("\"a\r\nb\",c\r\nd,e\r\n");

        assertThat(records.get(0).fields()).containsExactly("a\r\nb", "c");
        assertThat(records.get(1).lineNo()).isEqualTo(3);
    }

    @Test
    void skipsBlankLinesButKeepsCountingThem() {
        List<SourceRecord> records = read("a,b\n\n\nc,d\n\n");

        assertThat(records).extracting(SourceRecord::lineNo).containsExactly(1L, 4L);
    }

    @Test
    void keepsEmptyFieldsIncludingATrailingOne() {
        assertThat(read("a,,\n").get(0).fields()).containsExactly("a", "", "");
        assertThat(read("\"\",x\n").get(0).fields()).containsExactly("", "x");
    }

    @Test
    void stripsAByteOrderMark() {
        assertThat(read("\uFEFFuser_id,x\n").get(0).fields()).containsExactly("user_id", "x");
    }

    @Test
    void reportsMalformedQuotingAndCarriesOnAtTheNextLine() {
        List<SourceRecord> records = read("a,\"b\"c,d\ne,f\"g\nok,1\n\"open,2\n");

        assertThat(records).extracting(SourceRecord::problem).containsExactly(
                "malformed CSV: text after a closing quote", "malformed CSV: quote inside an unquoted field", null,
                "malformed CSV: unterminated quoted field");
        assertThat(records.get(2).fields()).containsExactly("ok", "1");
        assertThat(records.get(3).lineNo()).isEqualTo(4);
    }

    @Test
    void readsAcrossBufferBoundaries() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append(i).append(",\"v,").append(i).append("\"\r\n");
        }
        List<SourceRecord> records = read(text.toString());

        assertThat(records).hasSize(20_000);
        assertThat(records.get(19_999).fields()).containsExactly("19999", "v,19999");
        assertThat(records.get(19_999).lineNo()).isEqualTo(20_000);
    }

    private static List<SourceRecord> read(String text) {
        List<SourceRecord> records = new ArrayList<>();
        try (CsvLineReader reader = new CsvLineReader(new StringReader(text))) {
            for (SourceRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
        }
        return records;
    }
}
