package dev.realtimelessons.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A snippet in a document")
class SnippetTest {

    @TempDir
    Path root;

    @Test
    @DisplayName("matches when its block is the region, and is reported when it is not")
    void checksTheBlockAgainstTheRegion() throws Exception {
        Files.writeString(root.resolve("A.java"), "class A {\n    // tag::f[]\n    void f() {}\n    // end::f[]\n}\n");
        Path doc = root.resolve("README.md");
        Files.writeString(doc, "# Doc\n<!-- snippet: A.java#f -->\n```java\nvoid f() {}\n```\n"
                + "<!-- snippet: A.java#f -->\n```java\nvoid g() {}\n```\n");

        var snippets = Snippet.find(doc);

        assertThat(snippets).hasSize(2);
        assertThat(snippets.get(0).problem(root)).isEmpty();
        assertThat(snippets.get(1).problem(root)).hasValueSatisfying(
                problem -> assertThat(problem).contains("README.md:6").contains("differs from A.java#f"));
    }

    @Test
    @DisplayName("names a missing file or tag")
    void reportsMissingSources() throws Exception {
        Path doc = root.resolve("README.md");
        Files.writeString(doc, "<!-- snippet: B.java#f -->\n```java\nx\n```\n");

        assertThat(Snippet.find(doc).get(0).problem(root)).hasValueSatisfying(
                problem -> assertThat(problem).contains("B.java, which does not exist"));
    }

    @Test
    @DisplayName("--fix copies the region into the block, and a fixed document checks clean")
    void fixCopiesTheRegion() throws Exception {
        Files.writeString(root.resolve("A.java"), "// tag::f[]\nint x = 1;\n// end::f[]\n");
        Path doc = root.resolve("README.md");
        Files.writeString(doc, "<!-- snippet: A.java#f -->\n```java\nold\nlines\n```\ntail\n");

        assertThat(Snippet.fix(doc, root)).isTrue();

        assertThat(Files.readString(doc)).isEqualTo("<!-- snippet: A.java#f -->\n```java\nint x = 1;\n```\ntail\n");
        assertThat(Snippet.find(doc).get(0).problem(root)).isEmpty();
        assertThat(Snippet.fix(doc, root)).isFalse();
    }
}
