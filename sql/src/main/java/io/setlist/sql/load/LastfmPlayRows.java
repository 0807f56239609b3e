package io.setlist.sql.load;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Last.fm 360K {@code usersha1-artmbid-artname-plays.tsv}: user sha1, artist MusicBrainz id (often empty), artist
 * name, plays. The artist key is the mbid, or {@code name:<artist name>} when there is none; a name is free text
 * (a stray {@code "} is just a character). Users and artists not yet in the warehouse are created from these rows.
 */
final class LastfmPlayRows implements RowRules {
    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern MBID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final String NAME_KEY_PREFIX = "name:";

    @Override
    public List<String> header() {
        return List.of("user_sha1", "artist_mbid", "artist_name", "plays");
    }

    @Override
    public void stage(List<String> f, String[] staged) throws RejectedField {
        staged[0] = userSha1(f.get(0));
        String mbid = f.get(1).trim();
        String name = f.get(2);
        if (!mbid.isEmpty() && !MBID.matcher(mbid).matches()) {
            throw new RejectedField("artist_mbid", "not a MusicBrainz id: " + FieldValues.quote(mbid));
        }
        if (mbid.isEmpty() && name.isBlank()) {
            throw new RejectedField("artist_name", "missing artist: neither mbid nor name");
        }
        staged[1] = mbid.isEmpty() ? NAME_KEY_PREFIX + name : mbid;
        staged[2] = Long.toString(FieldValues.requiredLong(f.get(3), "plays", 1, Integer.MAX_VALUE));
        staged[3] = name.isBlank() ? mbid : name;
    }

    static String userSha1(String value) throws RejectedField {
        String id = FieldValues.requiredId(value, "user_sha1");
        if (!SHA1.matcher(id).matches()) {
            throw new RejectedField("user_sha1", "not a 40-digit hex sha1: " + FieldValues.quote(value));
        }
        return id;
    }
}
