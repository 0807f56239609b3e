package io.setlist.sql.load;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records without an end: a quote that never closes and a line longer than {@link RecordReader#MAX_RECORD_BYTES}
 * reject only themselves, every other row is read with its own line number, and no reader holds more than about
 * the limit in memory, whatever the length of the bad line.
 */
class RecordLengthLimitTest {
    private static final int LIMIT = RecordReader.MAX_RECORD_BYTES;

    @Test
    void anUnterminatedQuoteMidFileRejectsOnlyItsLine() {
        List<SourceRecord> records = readAll(csv(bytes("a,1\n\"open,2\nb,3\r\nc,\"x\ny\",4\nd,5\n")));

        // The open quote on line 2 is closed by the first quote of line 4 (text after it: malformed); only line 2
        // is rejected, and line 4's own quoted field, spanning lines, is read normally once the input is given back.
        assertThat(records).extracting(SourceRecord::lineNo).containsExactly(1L, 2L, 3L, 4L, 6L);
        assertThat(records.get(1).problem()).startsWith("malformed CSV: text after a closing quote");
        assertThat(records.get(1).rawLine()).isEqualTo("\"open,2");
        assertThat(records.get(3).fields()).containsExactly("c", "x\ny", "4");
        assertThat(records.get(0).fields()).containsExactly("a", "1");
        assertThat(records.get(2).fields()).containsExactly("b", "3");
        assertThat(records.get(4).fields()).containsExactly("d", "5");
        assertThat(records).filteredOn(r -> r.problem() == null).hasSize(4);

        List<SourceRecord> atEnd = readAll(csv(bytes("a,1\n\"open,2\nb,3\nc,4")));
        assertThat(atEnd).extracting(SourceRecord::lineNo).containsExactly(1L, 2L, 3L, 4L);
        assertThat(atEnd.get(1).problem()).isEqualTo("malformed CSV: unterminated quoted field");
        assertThat(atEnd.get(3).fields()).containsExactly("c", "4");
    }

    @Test
    void anUnterminatedQuoteFollowedByMoreThanTheLimitKeepsEveryLaterRow() {
        int rows = LIMIT / 5;   // ~2 MiB of good rows after the open quote
        StringBuilder text = new StringBuilder("head,er\n\"open,1\n");
        for (int i = 0; i < rows; i++) {
            text.append("r").append(i).append(",v\n");
        }
        CsvLineReader reader = csv(bytes(text.toString()));
        List<SourceRecord> records = readAll(reader);

        assertThat(records).hasSize(rows + 2);
        assertThat(records.get(1).problem()).startsWith("malformed CSV: a quoted field runs past the limit");
        assertThat(records.get(1).lineNo()).isEqualTo(2);
        assertThat(records.subList(2, records.size())).allSatisfy(r -> assertThat(r.problem()).isNull());
        assertThat(records.get(rows + 1).lineNo()).isEqualTo(rows + 2);
        assertThat(records.get(rows + 1).fields()).containsExactly("r" + (rows - 1), "v");
    }

    @Test
    void aHugeCsvLineIsRejectedCutAndSkippedWithoutBeingHeld() {
        CsvLineReader reader = csv(withHugeLine(8 * LIMIT, "\n", "plain"));
        assertHugeLineRejected(reader, r -> reader.heldChars() <= 3L * LIMIT);
    }

    @Test
    void aHugeTabLineIsRejectedCutAndSkippedWithoutBeingHeld() {
        TabLineReader reader = new TabLineReader(withHugeLine(8 * LIMIT, "\r\n", "plain"));
        assertHugeLineRejected(reader, r -> true);
    }

    @Test
    void aHugeJsonLineIsRejectedCutAndSkippedWithoutBeingHeld() {
        LineSource lines = new LineSource(withHugeLine(8 * LIMIT, "\n", "json"));
        int maxHeld = 0;
        List<String> problems = new ArrayList<>();
        while (lines.advance()) {
            maxHeld = Math.max(maxHeld, lines.heldBytes());
            problems.add(lines.problem());
        }
        assertThat(maxHeld).isLessThanOrEqualTo(LIMIT);
        assertThat(problems).hasSize(4).containsOnlyOnce(RecordReader.overLong(8L * LIMIT));

        JsonLineReader json = new JsonLineReader(withHugeLine(8 * LIMIT, "\n", "json"), List.of("a", "b"));
        List<SourceRecord> records = readAll(json);
        assertThat(records).hasSize(4);
        assertThat(records.get(1).problem()).isEqualTo(RecordReader.overLong(8L * LIMIT));
        assertThat(records.get(1).rawLine()).hasSize(RecordReader.KEPT_RAW_CHARS + 1).endsWith("…");
        assertThat(records.get(2).problem()).isNull();
        assertThat(records.get(2).lineNo()).isEqualTo(3);
    }

    /** A 64 MiB line without any line end, the shape of the 2 GB file that exhausted the heap. */
    @Test
    void aLineWithoutAnyLineEndEndsTheFileAsOneRejectedRecord() {
        InputStream endless = new SequenceInputStream(new ByteArrayInputStream(bytes("a,b\n")),
                repeated((byte) 'x', 64L * LIMIT));
        CsvLineReader csv = csv(endless);
        List<SourceRecord> records = readAll(csv);
        assertThat(records).hasSize(2);
        assertThat(records.get(1).problem()).isEqualTo(RecordReader.overLong(64L * LIMIT));
        assertThat(csv.heldChars()).isLessThanOrEqualTo(3L * LIMIT);

        LineSource lines = new LineSource(repeated((byte) 'x', 64L * LIMIT));
        assertThat(lines.advance()).isTrue();
        assertThat(lines.problem()).isEqualTo(RecordReader.overLong(64L * LIMIT));
        assertThat(lines.heldBytes()).isLessThanOrEqualTo(LIMIT);
        assertThat(lines.advance()).isFalse();
    }

    @Test
    void aRecordOfExactlyTheLimitIsStillRead() {
        String exact = "é".repeat((LIMIT - 2) / 2) + ",z";   // 2-byte chars: exactly LIMIT bytes of UTF-8
        assertThat(exact.getBytes(StandardCharsets.UTF_8)).hasSize(LIMIT);
        List<SourceRecord> csvRecords = readAll(csv(bytes(exact + "\n" + exact + "z\n")));
        assertThat(csvRecords.get(0).problem()).isNull();
        assertThat(csvRecords.get(1).problem()).isEqualTo(RecordReader.overLong(LIMIT + 1L));

        List<SourceRecord> tabRecords = readAll(new TabLineReader(new ByteArrayInputStream(
                bytes(exact + "\n" + exact + "z\n"))));
        assertThat(tabRecords.get(0).problem()).isNull();
        assertThat(tabRecords.get(1).problem()).isEqualTo(RecordReader.overLong(LIMIT + 1L));
    }

    private static void assertHugeLineRejected(RecordReader reader, Function<RecordReader, Boolean> bounded) {
        List<SourceRecord> records = new ArrayList<>();
        for (SourceRecord r = reader.next(); r != null; r = reader.next()) {
            assertThat(bounded.apply(reader)).as("memory held while reading").isTrue();
            records.add(r);
        }
        assertThat(records).extracting(SourceRecord::lineNo).containsExactly(1L, 2L, 3L, 4L);
        assertThat(records.get(1).problem()).isEqualTo(RecordReader.overLong(8L * LIMIT));
        assertThat(records.get(1).rawLine()).hasSize(RecordReader.KEPT_RAW_CHARS + 1).startsWith("big\t")
                .endsWith("…");
        assertThat(List.of(records.get(0), records.get(2), records.get(3)))
                .allSatisfy(r -> assertThat(r.problem()).isNull());
        assertThat(records.get(3).rawLine()).isEqualTo("last row");
    }

    /** Line 1 a short row, line 2 {@code hugeBytes} of text, lines 3 and 4 short rows (JSON or plain text). */
    private static InputStream withHugeLine(long hugeBytes, String lineEnd, String rows) {
        boolean json = rows.equals("json");
        return new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(bytes((json ? "{\"a\":\"x\",\"b\":\"y\"}" : "first row") + lineEnd
                        + "big\t")),
                repeated((byte) 'y', hugeBytes - 4),
                new ByteArrayInputStream(bytes(lineEnd + (json ? "{\"a\":\"z\",\"b\":\"w\"}" : "third row")
                        + lineEnd + (json ? "{\"a\":\"last\",\"b\":\"row\"}" : "last row") + lineEnd)))));
    }

    /** {@code count} copies of one byte, generated as read: nothing of the size is ever in memory here. */
    private static InputStream repeated(byte value, long count) {
        return new InputStream() {
            private long left = count;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                return value & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, value);
                left -= n;
                return n;
            }
        };
    }

    private static CsvLineReader csv(byte[] data) {
        return csv(new ByteArrayInputStream(data));
    }

    private static CsvLineReader csv(InputStream in) {
        return new CsvLineReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<SourceRecord> readAll(RecordReader reader) {
        List<SourceRecord> records = new ArrayList<>();
        for (SourceRecord r = reader.next(); r != null; r = reader.next()) {
            records.add(r);
        }
        reader.close();
        return records;
    }
}
