package io.setlist.sql.load;

import java.util.List;

/** Pozytywka {@code track_storage.jsonl}: track_id, storage_class (SLOW / MEDIUM / FAST), daily_cost. */
final class PozytywkaStorageRows implements RowRules {
    @Override
    public List<String> header() {
        return List.of("track_id", "storage_class", "daily_cost");
    }

    @Override
    public void stage(List<String> f, String[] staged) throws RejectedField {
        staged[0] = PozytywkaKeys.key(f.get(0), "track_id");
        staged[1] = FieldValues.requiredId(f.get(1), "storage_class");
        String cost = FieldValues.requiredId(f.get(2), "daily_cost");
        double value;
        try {
            value = Double.parseDouble(cost);
        } catch (NumberFormatException e) {
            throw new RejectedField("daily_cost", "not a number: " + FieldValues.quote(cost));
        }
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new RejectedField("daily_cost", "daily_cost must be a finite number >= 0: " + FieldValues.quote(cost));
        }
        staged[2] = cost;
    }
}
