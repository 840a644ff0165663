package io.cpra.plugins.dns;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryTypeTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
            "A;     192.0.2.1;            192.0.2.1",
            "AAAA;  2001:DB8::1;          2001:db8:0:0:0:0:0:1",
            "CNAME; Shop.Example.;        shop.example",
            "NS;    ns1.example;          ns1.example",
            "MX;    10  Mail.Example.;    10 mail.example",
            "MX;    mail.example;         mail.example",
            "TXT;   'v=spf1 -all';        v=spf1 -all"})
    void writesExpectedValuesLikeAnswers(QueryType type, String written, String canonical) {
        assertThat(type.expected(written)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
            "A;     2001:db8::1",
            "A;     shop.example",
            "A;     300.1.1.1",
            "AAAA;  192.0.2.1",
            "CNAME; 'a b'",
            "MX;    ten mail.example",
            "MX;    10 mail.example extra"})
    void rejectsValuesThatCannotBeAnswers(QueryType type, String written) {
        assertThatThrownBy(() -> type.expected(written)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"10 mail.example, 10 mail.example, true", "mail.example, 20 mail.example, true",
            "10 mail.example, 20 mail.example, false", "mail.example, 10 other.example, false"})
    void mxMatchesWithOrWithoutPriority(String expected, String answer, boolean matches) {
        assertThat(QueryType.MX.matches(expected, answer)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource({"a, A", "aaaa, AAAA", " Mx , MX"})
    void typesAreFoundIgnoringCase(String name, QueryType type) {
        assertThat(QueryType.of(name)).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource({"PTR", "SOA", "ANY", "''"})
    void otherTypesAreRefusedWithTheList(String name) {
        assertThatThrownBy(() -> QueryType.of(name)).hasMessageContaining("use A, AAAA, CNAME, MX, TXT or NS");
    }
}
