package io.setlist.sql.workload;

import java.util.SplittableRandom;

/**
 * Invents artist names and track titles from syllables. A share of them carry commas, double quotes and accented
 * letters on purpose, so that every file exercises CSV quoting and UTF-8 end to end.
 */
final class ArtistNames {
    private static final String[] SYLLABLES = {
        "ka", "lo", "mi", "ra", "zu", "ve", "no", "sa", "ti", "bé", "lé", "jo", "ar", "el", "on", "ny",
        "dri", "mø", "sø", "ün", "vi", "ré", "an", "to", "sha", "ri", "ko", "la", "mé", "qui", "dal", "ño"
    };
    private static final String[] TITLE_WORDS = {
        "night", "river", "gold", "echo", "summer", "ghost", "fire", "paper", "neon", "heart", "city", "rain",
        "motion", "silver", "wild", "blue", "café", "señor", "über", "last", "dance", "home", "light", "dream"
    };

    private ArtistNames() {
    }

    static String artist(SplittableRandom rng) {
        int variant = rng.nextInt(100);
        if (variant < 45) {
            return word(rng, 2 + rng.nextInt(2));
        }
        if (variant < 70) {
            return word(rng, 2) + " " + word(rng, 2 + rng.nextInt(2));
        }
        if (variant < 80) {
            return "The " + word(rng, 2) + "s";
        }
        if (variant < 88) {
            return word(rng, 2) + ", " + word(rng, 2) + " & " + word(rng, 2);
        }
        if (variant < 94) {
            return word(rng, 2) + " \"" + word(rng, 1) + "\" " + word(rng, 2);
        }
        return "DJ " + word(rng, 2);
    }

    static String title(SplittableRandom rng) {
        int words = 1 + rng.nextInt(4);
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                title.append(' ');
            }
            String w = TITLE_WORDS[rng.nextInt(TITLE_WORDS.length)];
            title.append(i == 0 ? capitalise(w) : w);
        }
        int suffix = rng.nextInt(100);
        if (suffix < 6) {
            title.append(", Pt. ").append(2 + rng.nextInt(3));
        } else if (suffix < 10) {
            title.append(" (feat. ").append(word(rng, 2)).append(')');
        } else if (suffix < 12) {
            title.append(" \"Live\"");
        }
        return title.toString();
    }

    private static String word(SplittableRandom rng, int syllables) {
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            w.append(SYLLABLES[rng.nextInt(SYLLABLES.length)]);
        }
        return capitalise(w.toString());
    }

    private static String capitalise(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
