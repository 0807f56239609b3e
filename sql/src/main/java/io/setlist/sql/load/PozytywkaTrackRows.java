package io.setlist.sql.load;

import java.util.List;

/**
 * Pozytywka {@code tracks.jsonl}: id, name, duration_ms, id_artist (the audio features are not kept). The files
 * carry no size: it is derived from the duration at 160 kbit/s (20 bytes per millisecond), the bitrate of a
 * standard-quality stream. The storage class stays {@code UNKNOWN} until {@code track_storage.jsonl} sets it.
 */
final class PozytywkaTrackRows implements RowRules {
    static final long BYTES_PER_MS = 160_000 / 8 / 1000;

    @Override
    public List<String> header() {
        return List.of("id", "name", "duration_ms", "id_artist");
    }

    @Override
    public void stage(List<String> f, String[] staged) throws RejectedField {
        staged[0] = PozytywkaKeys.key(f.get(0), "id");
        staged[1] = PozytywkaKeys.key(f.get(3), "id_artist");
        staged[2] = FieldValues.requiredText(f.get(1), "name");
        long duration = FieldValues.requiredLong(f.get(2), "duration_ms", 1, Integer.MAX_VALUE);
        staged[3] = Long.toString(duration);
        staged[4] = Long.toString(duration * BYTES_PER_MS);
        staged[5] = "UNKNOWN";
        staged[6] = null;
    }
}
