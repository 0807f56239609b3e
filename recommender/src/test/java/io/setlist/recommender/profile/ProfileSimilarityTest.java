package io.setlist.recommender.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.setlist.recommender.testing.RandomPlays;
import org.junit.jupiter.api.Test;

class ProfileSimilarityTest {

    private final ProfileSimilarity similarity = new ProfileSimilarity();

    @Test
    void countsOnlyAttributesKnownInBoth() {
        UserProfile a = new UserProfile('m', 23, "UK");
        assertThat(similarity.similarity(a, new UserProfile('m', 20, "uk"))).isEqualTo(1.0);
        assertThat(similarity.similarity(a, new UserProfile('f', 40, "US"))).isEqualTo(0.0);
        assertThat(similarity.similarity(a, new UserProfile('m', 40, "US"))).isEqualTo(1.0 / 3);
        // gender unknown on one side: 2 attributes compared, 1 matches
        assertThat(similarity.similarity(a, new UserProfile('?', 24, "US"))).isEqualTo(0.5);
        assertThat(similarity.similarity(a, UserProfile.unknown())).isEqualTo(0.0);
        assertThat(similarity.similarity(UserProfile.unknown(), UserProfile.unknown())).isEqualTo(0.0);
    }

    @Test
    void encodedFormAgreesWithTheObjectFormOnRandomProfiles() {
        UserProfile[] profiles = RandomPlays.profiles(9, 120);
        profiles[5] = null; // null means unknown
        ProfileSimilarity.Codes codes = ProfileSimilarity.encode(profiles);
        for (int i = 0; i < profiles.length; i++) {
            for (int j = 0; j < profiles.length; j++) {
                UserProfile a = profiles[i] == null ? UserProfile.unknown() : profiles[i];
                UserProfile b = profiles[j] == null ? UserProfile.unknown() : profiles[j];
                assertThat(codes.similarity(i, j)).isEqualTo(similarity.similarity(a, b));
            }
        }
    }
}
