package io.setlist.sql.load;

import java.util.List;

/** {@code events.csv}: user_id, ts, event_name, then optionally track_id and session_id. */
final class EventRows implements RowRules {
    private final FieldValues values;

    EventRows(FieldValues values) {
        this.values = values;
    }

    @Override
    public List<String> header() {
        return List.of("user_id", "ts", "event_name", "track_id", "session_id");
    }

    /** track_id and session_id may be left off, header included (the seed's piwik_track has three columns). */
    @Override
    public int minFields() {
        return 3;
    }

    @Override
    public void stage(List<String> f, String[] staged) throws RejectedField {
        staged[0] = FieldValues.requiredId(f.get(0), "user_id");
        staged[1] = values.timestamp(f.get(1), "ts");
        staged[2] = FieldValues.requiredId(f.get(2), "event_name");
        staged[3] = FieldValues.optionalId(f.get(3));
        Long session = FieldValues.optionalLong(f.get(4), "session_id", Long.MIN_VALUE, Long.MAX_VALUE);
        staged[4] = session == null ? null : session.toString();
    }
}
