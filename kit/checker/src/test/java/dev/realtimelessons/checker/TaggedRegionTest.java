package dev.realtimelessons.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A tagged region")
class TaggedRegionTest {

    private static final List<String> SOURCE = List.of(
            "class A {",
            "    // tag::outer[]",
            "    void f() {",
            "        // tag::inner[]",
            "        g();",
            "        // end::inner[]",
            "",
            "    }",
            "    // end::outer[]",
            "}");

    @Test
    @DisplayName("is the lines between its markers, dedented, without the markers of regions inside it")
    void extractsAndDedents() {
        assertThat(TaggedRegion.extract(SOURCE, "outer")).hasValue("void f() {\n    g();\n\n}\n");
        assertThat(TaggedRegion.extract(SOURCE, "inner")).hasValue("g();\n");
    }

    @Test
    @DisplayName("is absent when the file has no such tag")
    void absentWhenMissing() {
        assertThat(TaggedRegion.extract(SOURCE, "nope")).isEmpty();
    }

    @Test
    @DisplayName("is absent when its end marker is missing")
    void absentWhenUnclosed() {
        assertThat(TaggedRegion.extract(List.of("// tag::x[]", "a();"), "x")).isEmpty();
    }
}
