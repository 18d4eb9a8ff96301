package dev.realtimelessons.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The interview slides of a deck")
class InterviewSlidesTest {

    @TempDir
    Path root;

    private final List<InterviewAnswer> answers = List.of(new InterviewAnswer(Path.of("README.md"), 1, "Why?",
            Map.of(InterviewAnswer.THIRTY_SECONDS, "Because\nit matters.")));

    private Path deck(String text) throws Exception {
        return Files.writeString(root.resolve("99-example.md"), text);
    }

    @Test
    @DisplayName("pass when each slide quotes its README answer")
    void quoting() throws Exception {
        Path deck = deck("---\n\n## Interview: \"Why?\"\n\n> Because it matters.\n\n<!-- notes -->\n");

        assertThat(InterviewSlides.problems(deck, answers, root)).isEmpty();
    }

    @Test
    @DisplayName("fail a slide that says other words, and --fix copies the README's")
    void drift() throws Exception {
        Path deck = deck("## Interview: \"Why?\"\n\n> Because.\n\n<!-- notes -->\n");

        assertThat(InterviewSlides.problems(deck, answers, root)).singleElement().asString()
                .contains("99-example.md:3 does not quote");
        assertThat(InterviewSlides.fix(deck, answers)).isTrue();
        assertThat(Files.readString(deck)).isEqualTo("## Interview: \"Why?\"\n\n> Because it matters.\n\n<!-- notes -->\n");
        assertThat(InterviewSlides.problems(deck, answers, root)).isEmpty();
    }

    @Test
    @DisplayName("fail a missing slide, and a slide whose question the README does not have")
    void missingAndStray() throws Exception {
        Path deck = deck("## Interview: \"How?\"\n\n> Somehow.\n");

        assertThat(InterviewSlides.problems(deck, answers, root)).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("has no slide"))
                .anySatisfy(p -> assertThat(p).contains("\"How?\", which is not a question"));
    }

    @Test
    @DisplayName("get a quote inserted under a slide heading that has none")
    void insertion() throws Exception {
        Path deck = deck("## Interview: \"Why?\"\n<!-- notes -->\n");

        assertThat(InterviewSlides.fix(deck, answers)).isTrue();
        assertThat(Files.readString(deck)).isEqualTo("## Interview: \"Why?\"\n\n> Because it matters.\n\n<!-- notes -->\n");
    }
}
