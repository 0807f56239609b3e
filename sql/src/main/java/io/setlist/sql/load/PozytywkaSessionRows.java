package io.setlist.sql.load;

import java.util.List;
import java.util.Set;

/**
 * Pozytywka {@code sessions.jsonl} as events: timestamp (local time without zone, read as UTC), user_id, track_id,
 * event_type (PLAY, SKIP, LIKE, ADVERTISEMENT, BUY_PREMIUM, kept as the event name), session_id. An empty track_id
 * (adverts, purchases) is no track. A null user_id or event_type, or a PLAY / SKIP / LIKE without a track, is
 * quarantined: v1 loses them, and guessing the user from the rest of the session is not the importer's call.
 */
final class PozytywkaSessionRows implements RowRules {
    private static final Set<String> TRACK_EVENTS = Set.of("PLAY", "SKIP", "LIKE");

    private final FieldValues values;

    PozytywkaSessionRows(FieldValues values) {
        this.values = values;
    }

    @Override
    public List<String> header() {
        return List.of("timestamp", "user_id", "track_id", "event_type", "session_id");
    }

    @Override
    public void stage(List<String> f, String[] staged) throws RejectedField {
        staged[0] = PozytywkaKeys.key(f.get(1), "user_id");
        staged[1] = values.timestamp(f.get(0), "timestamp", true);
        String event = FieldValues.requiredId(f.get(3), "event_type");
        staged[2] = event;
        String track = f.get(2) == null ? null : f.get(2).trim();
        if (TRACK_EVENTS.contains(event) && (track == null || track.isEmpty())) {
            throw new RejectedField("track_id", "missing track_id on a " + event + " event");
        }
        staged[3] = track == null || track.isEmpty() ? null : PozytywkaKeys.key(track, "track_id");
        Long session = FieldValues.optionalLong(f.get(4), "session_id", Long.MIN_VALUE, Long.MAX_VALUE);
        staged[4] = session == null ? null : session.toString();
    }
}
