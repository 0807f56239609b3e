package io.setlist.sql.load;

import io.setlist.sql.load.FileSpec.Syntax;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats {@code setlist import FORMAT PATH} reads, each a list of files in dependency order (a file's
 * keys must be in the warehouse before a later file refers to them). Every format goes through the same import:
 * validate while streaming, COPY into staging, check against the warehouse, one INSERT ... SELECT, quarantine the
 * rest; plays files skip the staging of good rows ({@link PlayCopy}). The mapping of each format onto the warehouse
 * tables is in {@code docs/data-formats.md}.
 */
public enum ImportFormat {
    /** Setlist's own CSV files (users, artists, tracks, plays, events). */
    SETLIST("setlist", List.of(
            FileSpec.of("users.csv", Syntax.CSV, true, UserRows::new, LoadTarget.USERS),
            FileSpec.of("artists.csv", Syntax.CSV, true, v -> new ArtistRows(), LoadTarget.ARTISTS),
            FileSpec.of("tracks.csv", Syntax.CSV, true, v -> new TrackRows(), LoadTarget.TRACKS),
            FileSpec.of("plays.csv", Syntax.CSV, true, v -> new PlayRows(), LoadTarget.PLAYS),
            FileSpec.of("events.csv", Syntax.CSV, true, EventRows::new, LoadTarget.EVENTS))),
    /** Last.fm 360K: profiles, then (user sha1, artist mbid, artist name, plays); no header lines. */
    LASTFM_360K("lastfm-360k", List.of(
            FileSpec.of("usersha1-profile.tsv", Syntax.TSV, false, LastfmProfileRows::new, LoadTarget.USERS),
            FileSpec.of("usersha1-artmbid-artname-plays.tsv", Syntax.TSV, false, v -> new LastfmPlayRows(),
                    LoadTarget.PLAYS, LoadTarget.USERS, LoadTarget.ARTISTS))),
    /**
     * HetRec 2011 Last.fm 2K: artists.dat, then user_artists.dat (users exist only there), then the friendships and
     * the tag assignments of those users.
     */
    HETREC_LASTFM("hetrec-lastfm", List.of(
            FileSpec.of("artists.dat", Syntax.TSV, true, v -> new HetrecArtistRows(), LoadTarget.ARTISTS),
            FileSpec.of("user_artists.dat", Syntax.TSV, true, v -> new HetrecPlayRows(), LoadTarget.PLAYS,
                    LoadTarget.USERS),
            FileSpec.of("user_friends.dat", Syntax.TSV, true, v -> new HetrecFriendRows(), LoadTarget.FRIENDSHIPS),
            FileSpec.of("user_taggedartists.dat", Syntax.TSV, true, v -> new HetrecTagRows(),
                    LoadTarget.TAG_ASSIGNMENTS))),
    /** Pozytywka (IUM 23L): five JSONL files; sessions become events. */
    POZYTYWKA("pozytywka", List.of(
            FileSpec.of("users.jsonl", Syntax.JSONL, false, v -> new PozytywkaUserRows(), LoadTarget.USERS),
            FileSpec.of("artists.jsonl", Syntax.JSONL, false, v -> new PozytywkaArtistRows(), LoadTarget.ARTISTS),
            FileSpec.of("tracks.jsonl", Syntax.JSONL, false, v -> new PozytywkaTrackRows(), LoadTarget.TRACKS),
            FileSpec.of("track_storage.jsonl", Syntax.JSONL, false, v -> new PozytywkaStorageRows(),
                    LoadTarget.TRACK_STORAGE),
            FileSpec.of("sessions.jsonl", Syntax.JSONL, false, PozytywkaSessionRows::new, LoadTarget.EVENTS))),
    /**
     * A generic app-event CSV {@code user_id,ts,event_name[,track_id,session_id]} (the seed's piwik_track): users
     * not yet in the warehouse are created from it, since such a dump is often the only source of them.
     */
    EVENTS("events", List.of(
            FileSpec.of("events.csv", Syntax.CSV, true, EventRows::new, LoadTarget.EVENTS,
                    LoadTarget.USERS)));

    private final String label;
    private final List<FileSpec> files;

    ImportFormat(String label, List<FileSpec> files) {
        this.label = label;
        this.files = files;
    }

    public String label() {
        return label;
    }

    List<FileSpec> files() {
        return files;
    }

    /** The file names a directory of this format holds, in import order. */
    public List<String> fileNames() {
        return files.stream().map(FileSpec::baseName).toList();
    }

    /**
     * Where a file of this format comes in import order, told by its name ({@code users.csv},
     * {@code users-2026-11-24.csv}, ...), or -1 when the name is none of the format's files.
     */
    public int importOrder(String fileName) {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).matches(fileName)) {
                return i;
            }
        }
        return -1;
    }

    /** The spec for one file, by its name; a single-file format takes any name. */
    Optional<FileSpec> specFor(String fileName) {
        if (files.size() == 1) {
            return Optional.of(files.get(0));
        }
        return files.stream().filter(f -> f.matches(fileName)).findFirst();
    }

    public static ImportFormat forLabel(String label) {
        String wanted = label.toLowerCase(Locale.ROOT);
        for (ImportFormat f : values()) {
            if (f.label.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown import format '" + label + "'; formats: "
                + java.util.Arrays.stream(values()).map(ImportFormat::label).toList());
    }
}
