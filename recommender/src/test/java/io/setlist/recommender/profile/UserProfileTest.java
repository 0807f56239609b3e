package io.setlist.recommender.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserProfileTest {

    @ParameterizedTest
    @CsvSource({"0,<18", "17,<18", "18,18-24", "24,18-24", "25,25-34", "34,25-34", "35,35-44",
            "44,35-44", "45,45-54", "54,45-54", "55,55+", "99,55+"})
    void ageBands(int age, String band) {
        assertThat(new UserProfile('m', age, "UK").ageBand()).isEqualTo(band);
    }

    @Test
    void unknownsAreNormalised() {
        UserProfile p = new UserProfile('X', -7, "  ");
        assertThat(p.gender()).isEqualTo('?');
        assertThat(p.age()).isEqualTo(-1);
        assertThat(p.country()).isNull();
        assertThat(p.ageBand()).isNull();
        assertThat(p).isEqualTo(UserProfile.unknown());
        assertThat(new UserProfile('F', 30, " Japan ")).isEqualTo(new UserProfile('f', 30, "Japan"));
    }
}
