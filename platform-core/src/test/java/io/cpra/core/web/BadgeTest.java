package io.cpra.core.web;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Badges stay well-formed SVG and JSON whatever a name holds. */
class BadgeTest {

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNameWithMarkupStaysTextInTheSvg() throws Exception {
        Badge badge = new Badge("<script>alert('x')</script> & \"co\"\u0001", "up", "#2e7d32");

        Document svg = parse(badge.svg());

        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "script").getLength()).isZero();
        assertThat(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent())
                .isEqualTo("<script>alert('x')</script> & \"co\" : up");
    }

    @Test
    void theShieldsDocumentEscapesQuotesAndControls() {
        assertThat(new Badge("a\"b\\c\n", "down", "#c62828").shields())
                .isEqualTo("{\"schemaVersion\":1,\"label\":\"a\\\"b\\\\c\\u000a\",\"message\":\"down\",\"color\":\"c62828\"}\n");
    }

    @Test
    void latencyReadsAsPeopleSayIt() {
        assertThat(Badges.millis(999)).isEqualTo("<1 ms");
        assertThat(Badges.millis(42_500)).isEqualTo("42 ms");
        assertThat(Badges.millis(12_345_678)).isEqualTo("12.35 s");
    }

    @Test
    void aPathSegmentKeepsAnEncodedSlashAndAPlus() {
        assertThat(WebPages.segments("monitor/edge%2Feu+1/status.svg")).containsExactly("monitor", "edge/eu+1", "status.svg");
    }
}
