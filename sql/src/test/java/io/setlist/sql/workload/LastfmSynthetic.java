package io.setlist.sql.workload;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes {@code usersha1-artmbid-artname-plays.tsv} and {@code usersha1-profile.tsv} in the format and shape of the
 * Last.fm 360K dataset, which cannot be shipped: 40-hex user ids, tab-separated with no quoting and no header,
 * about 49 artists per user (most users list their top 50) sorted by plays descending, Zipf artist popularity,
 * about 36% of artists without a MusicBrainz id, empty genders, ages and countries, absurd ages ({@code -1337},
 * birth years), countries with commas, signup dates like {@code Feb 1, 2007}, non-ASCII names and stray quotes,
 * users in one file only, a last line without a line end, and a few malformed lines (counted in the summary so
 * that an import can be checked against it). Deterministic for a seed.
 */
public final class LastfmSynthetic {
    public static final String PLAYS_FILE = "usersha1-artmbid-artname-plays.tsv";
    public static final String PROFILE_FILE = "usersha1-profile.tsv";
    /** The real dataset: 359,347 users, 17,559,530 rows, 186,642 artists with an mbid and 107,373 without. */
    public static final int FULL_USERS = 359_347;
    private static final double ARTISTS_PER_USER = 294_015.0 / FULL_USERS;
    private static final double MBID_SHARE = 186_642.0 / 294_015.0;
    private static final double MALFORMED_PER_ROW = 1.0 / 2_000_000;
    private static final DateTimeFormatter SIGNUP = DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.ENGLISH);
    private static final String[] COUNTRIES = {"United States", "Germany", "United Kingdom", "Poland", "Russian Federation",
            "Brazil", "Sweden", "Spain", "Finland", "Netherlands", "Canada", "France", "Italy", "Australia", "Japan",
            "Korea, Republic of", "Iran, Islamic Republic of", "Congo, the Democratic Republic of the", "Türkiye",
            "Côte d'Ivoire"};
    private static final String[] ACCENTED = {"é", "ü", "ø", "å", "ñ", "ł", "ç", "ö"};
    private static final String[] CJK = {"東京事変", "椎名林檎", "Мумий Тролль", "Ария", "少女時代", "ДДТ", "Björk", "Sigur Rós"};

    private LastfmSynthetic() {
    }

    /**
     * @param users the number of users (359,347 is full size)
     * @param crlf  end lines with CRLF, as some copies of the dataset do
     */
    public record Settings(int users, long seed, boolean crlf) {
    }

    /**
     * What was written.
     *
     * @param playRows            data lines of the plays file, malformed ones included
     * @param malformedPlayRows   lines written to fail validation (wrong field count, negative or non-numeric plays,
     *                            a bad sha1, bytes that are not UTF-8)
     * @param profileRows         data lines of the profile file
     * @param malformedProfileRows lines of the profile file written to fail validation
     */
    public record Summary(int users, int artists, long playRows, long malformedPlayRows, long profileRows,
                          long malformedProfileRows) {
    }

    public static Summary generate(Settings settings, Path dir) {
        try {
            Files.createDirectories(dir);
            int artists = Math.max(50, (int) Math.round(settings.users() * ARTISTS_PER_USER));
            Catalogue catalogue = new Catalogue(artists, settings.seed());
            long[] plays;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(PLAYS_FILE)), 1 << 20)) {
                plays = writePlays(settings, catalogue, out);
            }
            long[] profiles;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(PROFILE_FILE)), 1 << 20)) {
                profiles = writeProfiles(settings, out);
            }
            return new Summary(settings.users(), artists, plays[0], plays[1], profiles[0], profiles[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String userSha1(long seed, int user) {
        SplittableRandom rng = RandomDraws.stream(seed, 11, user);
        byte[] bytes = new byte[20];
        for (int i = 0; i < 20; i += 4) {
            int v = rng.nextInt();
            bytes[i] = (byte) v;
            bytes[i + 1] = (byte) (v >> 8);
            bytes[i + 2] = (byte) (v >> 16);
            bytes[i + 3] = (byte) (v >> 24);
        }
        return HexFormat.of().formatHex(bytes);
    }

    /** Users only in the profile file: no plays. */
    private static boolean profileOnly(SplittableRandom rng) {
        return RandomDraws.chance(rng, 0.001);
    }

    private static long[] writePlays(Settings s, Catalogue catalogue, OutputStream out) throws IOException {
        byte[] eol = s.crlf() ? "\r\n".getBytes(StandardCharsets.US_ASCII) : "\n".getBytes(StandardCharsets.US_ASCII);
        long rows = 0;
        long malformed = 0;
        boolean first = true;
        // At least a handful of malformed lines even in a small file, so that an import of it has some to find.
        double malformedRate = Math.max(MALFORMED_PER_ROW, 5.0 / (s.users() * 49.0));
        IntOpenHashSet chosen = new IntOpenHashSet();
        int[] artists = new int[50];
        int[] counts = new int[50];
        for (int u = 0; u < s.users(); u++) {
            SplittableRandom rng = RandomDraws.stream(s.seed(), 12, u);
            if (profileOnly(RandomDraws.stream(s.seed(), 13, u))) {
                continue;
            }
            String sha1 = userSha1(s.seed(), u);
            int k = RandomDraws.chance(rng, 0.95) ? 50 : 1 + rng.nextInt(49);
            chosen.clear();
            for (int i = 0; i < k; i++) {
                int a;
                do {
                    a = catalogue.popularity.draw(rng);
                } while (!chosen.add(a));
                artists[i] = a;
                counts[i] = 1 + (int) Math.min(200_000, RandomDraws.lognormal(rng, 60, 1.4));
            }
            sortDescending(counts, k);
            for (int i = 0; i < k; i++) {
                String line;
                if (RandomDraws.chance(rng, malformedRate)) {
                    line = malformedPlayLine(rng, sha1, catalogue, artists[i]);
                    malformed++;
                } else {
                    line = sha1 + '\t' + catalogue.mbid(artists[i]) + '\t' + catalogue.name(artists[i]) + '\t' + counts[i];
                }
                if (!first) {
                    out.write(eol);
                }
                first = false;
                writeLine(out, line);
                rows++;
            }
        }
        // Like the real file, the last line has no line end.
        return new long[]{rows, malformed};
    }

    private static void writeLine(OutputStream out, String line) throws IOException {
        int bad = line.indexOf('\uFFFF');
        if (bad < 0) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            return;
        }
        // A stray Latin-1 byte where UTF-8 was promised: the line must be quarantined as bad encoding.
        out.write(line.substring(0, bad).getBytes(StandardCharsets.UTF_8));
        out.write(0xE9);
        out.write(line.substring(bad + 1).getBytes(StandardCharsets.UTF_8));
    }

    private static String malformedPlayLine(SplittableRandom rng, String sha1, Catalogue catalogue, int artist) {
        String mbid = catalogue.mbid(artist);
        String name = catalogue.name(artist);
        return switch (rng.nextInt(5)) {
            case 0 -> sha1 + '\t' + mbid + '\t' + name;                         // a field missing
            case 1 -> sha1 + '\t' + mbid + '\t' + name + "\t-" + (1 + rng.nextInt(99)); // negative plays
            case 2 -> sha1 + '\t' + mbid + '\t' + name + "\tmany";             // not a number
            case 3 -> sha1.substring(0, 20) + '\t' + mbid + '\t' + name + "\t7"; // a cut-off sha1
            default -> sha1 + '\t' + mbid + '\t' + "Caf\uFFFF Tacvba" + "\t3"; // not UTF-8
        };
    }

    private static void sortDescending(int[] values, int n) {
        Arrays.sort(values, 0, n);
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    private static long[] writeProfiles(Settings s, OutputStream out) throws IOException {
        byte[] eol = s.crlf() ? "\r\n".getBytes(StandardCharsets.US_ASCII) : "\n".getBytes(StandardCharsets.US_ASCII);
        long rows = 0;
        long malformed = 0;
        LocalDate firstSignup = LocalDate.of(2002, 10, 29);
        for (int u = 0; u < s.users(); u++) {
            SplittableRandom rng = RandomDraws.stream(s.seed(), 14, u);
            if (RandomDraws.chance(rng, 0.001)) {
                continue; // in the plays file only
            }
            String gender = RandomDraws.chance(rng, 0.09) ? "" : RandomDraws.chance(rng, 0.73) ? "m" : "f";
            String age;
            double r = rng.nextDouble();
            if (r < 0.21) {
                age = "";
            } else if (r < 0.2105) {
                age = "-1337";
            } else if (r < 0.2112) {
                age = Integer.toString(1950 + rng.nextInt(45)); // a birth year typed as the age
            } else {
                age = Integer.toString(Math.min(90, 4 + (int) RandomDraws.lognormal(rng, 20, 0.25)));
            }
            String country = RandomDraws.chance(rng, 0.01) ? "" : COUNTRIES[Math.min(COUNTRIES.length - 1,
                    (int) (Math.abs(rng.nextDouble() * rng.nextDouble()) * COUNTRIES.length))];
            String signup = SIGNUP.format(firstSignup.plusDays(rng.nextInt(2_400)));
            String line = userSha1(s.seed(), u) + '\t' + gender + '\t' + age + '\t' + country + '\t' + signup;
            if (RandomDraws.chance(rng, Math.max(0.00002, 3.0 / s.users()))) {
                line = userSha1(s.seed(), u) + '\t' + gender + '\t' + age + '\t' + country + "\tsometime in 2007";
                malformed++;
            }
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.write(eol);
            rows++;
        }
        return new long[]{rows, malformed};
    }

    /** Artist names, mbids and popularity; names are unique, so artists without an mbid keep distinct keys. */
    private static final class Catalogue {
        final WeightedIndex popularity;
        private final long seed;
        private final boolean[] hasMbid;

        Catalogue(int artists, long seed) {
            this.seed = seed;
            this.popularity = WeightedIndex.zipf(artists, 1.0);
            this.hasMbid = new boolean[artists];
            SplittableRandom rng = RandomDraws.stream(seed, 15, 0);
            for (int a = 0; a < artists; a++) {
                hasMbid[a] = RandomDraws.chance(rng, MBID_SHARE);
            }
        }

        String mbid(int artist) {
            if (!hasMbid[artist]) {
                return "";
            }
            SplittableRandom rng = RandomDraws.stream(seed, 16, artist);
            String hex = String.format("%016x%016x", rng.nextLong(), rng.nextLong());
            return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-'
                    + hex.substring(16, 20) + '-' + hex.substring(20, 32);
        }

        /** A unique name: the artist number spelled in syllables, sometimes accented, quoted or non-Latin. */
        String name(int artist) {
            StringBuilder sb = new StringBuilder();
            int n = artist + 1;
            while (n > 0) {
                sb.append(SYLLABLES[n % SYLLABLES.length]);
                n /= SYLLABLES.length;
            }
            sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
            return switch (artist % 97) {
                case 3 -> sb + " " + ACCENTED[artist % ACCENTED.length] + "rs";
                case 5 -> CJK[artist % CJK.length] + " " + sb;
                case 7 -> "\"" + sb + "\" & Friends";
                case 11 -> sb + " \"";
                default -> sb.toString();
            };
        }

        private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "ba", "de", "fu",
                "go", "hi", "ju", "pe", "sa", "to", "wa", "xe", "yo"};
    }
}
