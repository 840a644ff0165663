package io.cpra.testing.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestPostgresTest {

    @Test
    void aFullUrlGivesEveryPart() {
        TestPostgres server = TestPostgres.parse("jdbc:postgresql://db.example:6543/cpra?user=ci&password=s%26cret");

        assertThat(server.host()).isEqualTo("db.example");
        assertThat(server.port()).isEqualTo(6543);
        assertThat(server.database()).isEqualTo("cpra");
        assertThat(server.user()).isEqualTo("ci");
        assertThat(server.password()).isEqualTo("s&cret");
        assertThat(server.url()).isEqualTo("jdbc:postgresql://db.example:6543/cpra");
        assertThat(server.url("s1")).isEqualTo("jdbc:postgresql://db.example:6543/cpra?currentSchema=s1");
        assertThat(server.describe("s1")).isEqualTo("postgresql://db.example:6543/cpra?currentSchema=s1");
        assertThat(server.toString()).doesNotContain("cret");
    }

    @Test
    void thePortAndTheUserHaveDefaults() {
        TestPostgres server = TestPostgres.parse("jdbc:postgresql://127.0.0.1/test");

        assertThat(server.port()).isEqualTo(5432);
        assertThat(server.user()).isEqualTo("postgres");
        assertThat(server.password()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgresql://h/db                                    | it does not start with jdbc:postgresql://",
            "jdbc:mysql://h/db                                    | it does not start with jdbc:postgresql://",
            "jdbc:postgresql://h                                  | it needs a host and a database",
            "jdbc:postgresql://h/                                 | it needs a host and a database",
            "jdbc:postgresql://h/a/b                              | it needs a host and a database",
            "jdbc:postgresql://h/db?sslmode=require&password=pw99 | parameter \"sslmode\" is not supported",
    })
    void aMalformedUrlSaysWhatIsExpectedAndNeverShowsThePassword(String url, String why) {
        assertThatThrownBy(() -> TestPostgres.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("CPRA_TEST_POSTGRES_URL must look like jdbc:postgresql://host[:port]/database")
                .hasMessageContaining(why)
                .message().doesNotContain("pw99");
    }
}
