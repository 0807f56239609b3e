package io.setlist.sql.load;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;

/**
 * HetRec Last.fm 2K {@code user_taggedartists.dat}: userID, artistID, tagID, day, month, year (a user applied a tag
 * to an artist in that month; the day is mostly 1). The user and the artist must already be loaded.
 */
final class HetrecTagRows implements RowRules {
    @Override
    public List<String> header() {
        return List.of("userid", "artistid", "tagid", "day", "month", "year");
    }

    @Override
    public void stage(List<String> f, String[] staged) throws RejectedField {
        staged[0] = Long.toString(FieldValues.requiredLong(f.get(0), "userID", 1, Integer.MAX_VALUE));
        staged[1] = Long.toString(FieldValues.requiredLong(f.get(1), "artistID", 1, Integer.MAX_VALUE));
        staged[2] = Long.toString(FieldValues.requiredLong(f.get(2), "tagID", 1, Integer.MAX_VALUE));
        int day = (int) FieldValues.requiredLong(f.get(3), "day", 1, 31);
        int month = (int) FieldValues.requiredLong(f.get(4), "month", 1, 12);
        int year = (int) FieldValues.requiredLong(f.get(5), "year", 1900, 2100);
        try {
            staged[3] = LocalDate.of(year, month, day).toString();
        } catch (DateTimeException e) {
            throw new RejectedField("day", "no such date " + year + "-" + month + "-" + day);
        }
    }
}
