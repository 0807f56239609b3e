package io.setlist.infra.publish;

import java.util.List;

/** A user's ranked artists and where they came from: {@code neighbours}, {@code segment} or {@code global}. */
public record UserRecommendations(String userKey, String source, List<RecommendedArtist> items) {
}
