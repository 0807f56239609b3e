package io.setlist.lab.evaluation;

/**
 * Field lookup in one-line JSON objects whose values are strings or numbers, which is all the Pozytywka files
 * hold. Enough to read them without a JSON library in this dependency-light module; not a general parser.
 */
final class FlatJson {

    private FlatJson() {
    }

    /** @return the string value of {@code "key": "..."} (escapes other than \" and \\ kept verbatim), or null */
    static String string(String line, String key) {
        int at = valueStart(line, key);
        if (at < 0 || at >= line.length() || line.charAt(at) != '"') {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = at + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                sb.append(next == '"' || next == '\\' ? String.valueOf(next) : "\\" + next);
            } else if (c == '"') {
                return sb.toString();
            } else {
                sb.append(c);
            }
        }
        return null;
    }

    /** @return the literal text of a number value, or null */
    static String number(String line, String key) {
        int at = valueStart(line, key);
        if (at < 0) {
            return null;
        }
        int end = at;
        while (end < line.length() && "-+.0123456789eE".indexOf(line.charAt(end)) >= 0) {
            end++;
        }
        return end == at ? null : line.substring(at, end);
    }

    private static int valueStart(String line, String key) {
        String quoted = "\"" + key + "\"";
        int from = 0;
        while (true) {
            int k = line.indexOf(quoted, from);
            if (k < 0) {
                return -1;
            }
            int i = k + quoted.length();
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i < line.length() && line.charAt(i) == ':') {
                i++;
                while (i < line.length() && line.charAt(i) == ' ') {
                    i++;
                }
                return i;
            }
            from = k + 1; // the key text occurred inside a value
        }
    }
}
