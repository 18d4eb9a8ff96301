package dev.realtimelessons.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The cheat sheet")
class CheatSheetTest {

    @TempDir
    Path root;
    private Path readme;

    @BeforeEach
    void aLesson() throws Exception {
        readme = Files.createDirectories(root.resolve("lessons/99-example")).resolve("README.md");
        Files.writeString(readme, """
                # Lesson 99: examples

                WebSocket ~64 bytes per event.

                ## Interview answer

                ### "Why, really?"

                **In 30 seconds.** Because
                it matters.
                """);
        Files.writeString(root.resolve(CheatSheet.FILE), String.join("\n", "# Cheat sheet", CheatSheet.BEGIN,
                CheatSheet.END, "", "| What | Value | Source |", "|---|---|---|",
                "| Bytes per event | ~64 bytes | [lesson 99](lessons/99-example/README.md#run-it) |",
                "| Header | 2 to 14 bytes | [RFC 6455](https://www.rfc-editor.org/rfc/rfc6455) |", ""));
    }

    @Test
    @DisplayName("gets every answer's 30-second version from --fix, linked to its heading, and then passes")
    void generated() throws Exception {
        assertThat(CheatSheet.problems(root, List.of(readme))).singleElement().asString()
                .contains("not the lesson READMEs'");

        assertThat(CheatSheet.fix(root, List.of(readme))).isTrue();

        assertThat(Files.readString(root.resolve(CheatSheet.FILE))).contains("""
                ## Lesson 99: examples

                **[Why, really?](lessons/99-example/README.md#why-really)**
                Because it matters.
                """);
        assertThat(CheatSheet.problems(root, List.of(readme))).isEmpty();
        assertThat(CheatSheet.fix(root, List.of(readme))).isFalse();
    }

    @Test
    @DisplayName("fails a figure that its linked source does not state")
    void figures() throws Exception {
        CheatSheet.fix(root, List.of(readme));
        Files.writeString(readme, Files.readString(readme).replace("~64 bytes", "~70 bytes"));

        assertThat(CheatSheet.problems(root, List.of(readme))).singleElement().asString()
                .contains("quotes \"~64 bytes\", which lessons/99-example/README.md does not say");
    }
}
