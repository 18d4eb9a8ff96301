package dev.realtimelessons.kit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Json")
class JsonTest {

    /** A record to read into. */
    record Point(int x, int y) {
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("refuses a text with anything after its value, as a tree or as a record")
    @ValueSource(strings = {
            "{\"type\":\"ping\",\"id\":1} x",
            "{\"type\":\"ping\",\"id\":11}{\"type\":\"ping\",\"id\":12}",
            "{\"x\":1,\"y\":2} {\"x\":3,\"y\":4}",
            "{\"x\":1,\"y\":2}]",
            "{\"x\":1,\"y\":2} 5",
            "[1] [2]"})
    void refusesTrailingTokens(String text) {
        assertThatThrownBy(() -> Json.tree(text)).isInstanceOf(JsonException.class)
                .hasMessageStartingWith("malformed JSON: ").hasMessageNotContaining("DeserializationFeature");
        if (text.startsWith("{\"x\"")) {
            assertThatThrownBy(() -> Json.read(text, Point.class)).isInstanceOf(JsonException.class);
        }
    }

    @Test
    @DisplayName("accepts white space around a value")
    void acceptsWhiteSpace() {
        assertThat(Json.tree(" \r\n\t{\"x\":1,\"y\":2} \r\n\t").get("x").asInt()).isEqualTo(1);
        assertThat(Json.read(" {\"x\":1,\"y\":2}\n", Point.class)).isEqualTo(new Point(1, 2));
    }

    @ParameterizedTest(name = "{0} is written back as {1}")
    @DisplayName("passes numbers on exactly: a number read as a tree is written back with the same value")
    @CsvSource(delimiter = '|', textBlock = """
            0.1000000000000000000001                     | 0.1000000000000000000001
            1E+2                                         | 1E+2
            1e2                                          | 1E+2
            1.50                                         | 1.50
            1.0                                          | 1.0
            -0.0                                         | 0.0
            1.5e-7                                       | 1.5E-7
            3.141592653589793238462643383279502884197    | 3.141592653589793238462643383279502884197
            123456789012345678901234567890               | 123456789012345678901234567890
            -9223372036854775809                         | -9223372036854775809
            42                                           | 42
            1e400                                        | 1E+400
            """)
    void passesNumbersOnExactly(String number, String written) {
        JsonNode data = Json.tree("{\"data\":" + number + "}").get("data");

        assertThat(Json.write(Map.of("data", data))).isEqualTo("{\"data\":" + written + "}");
        assertThat(new BigDecimal(written)).isEqualByComparingTo(new BigDecimal(number));
    }

    @Test
    @DisplayName("keeps whole numbers whole, so that an id or a since stays a whole number")
    void keepsWholeNumbersWhole() {
        JsonNode body = Json.tree("{\"id\":7,\"since\":12345678901,\"big\":123456789012345678901234567890,"
                + "\"decimal\":7.0}");

        assertThat(body.get("id").isIntegralNumber()).isTrue();
        assertThat(body.get("since").isIntegralNumber()).isTrue();
        assertThat(body.get("big").isIntegralNumber()).isTrue();
        assertThat(body.get("decimal").isIntegralNumber()).as("7.0 is a decimal, not a whole number").isFalse();
    }
}
