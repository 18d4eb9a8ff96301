package dev.realtimelessons.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("An interview answer")
class InterviewAnswerTest {

    private static final String GOOD = """
            # Lesson 99

            ## Interview answer

            ### "Polling or WebSocket: which, and when?"

            **In 30 seconds.** Decide by direction
            and rate.

            **Deeper points.**
            - **Cost per event.** Measured
              in this lesson.
            - **Threads?** None parked.

            | code | meaning |
            |------|---------|

            **Trade-offs.**
            - **Polling.** Simple.

            **Common mistakes.**
            - Polling every 100 ms.

            **Likely follow-ups.**
            - *HTTP/2?* Lesson 01.

            ## Further reading
            """;

    @TempDir
    Path dir;

    private List<InterviewAnswer> read(String readme) throws Exception {
        Path file = dir.resolve("README.md");
        Files.writeString(file, readme);
        return InterviewAnswer.read(file);
    }

    @Test
    @DisplayName("in the course's shape has no problem, and its 30-second version is one line")
    void goodShape() throws Exception {
        InterviewAnswer answer = read(GOOD).get(0);

        assertThat(answer.problems()).isEmpty();
        assertThat(answer.question()).isEqualTo("Polling or WebSocket: which, and when?");
        assertThat(answer.thirtySeconds()).isEqualTo("Decide by direction and rate.");
        assertThat(answer.anchor()).isEqualTo("polling-or-websocket-which-and-when");
    }

    @Test
    @DisplayName("fails a 30-second version of more than 75 words, and passes one of 75")
    void wordLimit() throws Exception {
        String seventyFive = "word ".repeat(74) + "end.";

        assertThat(read(GOOD.replace("Decide by direction", seventyFive)).get(0).problems())
                .singleElement().asString().contains("77 words");
        assertThat(read(GOOD.replace("Decide by direction\nand rate.", seventyFive)).get(0).problems()).isEmpty();
    }

    @Test
    @DisplayName("fails an answer that lacks a section, naming it")
    void missingSection() throws Exception {
        String withoutMistakes = GOOD.replace("**Common mistakes.**\n- Polling every 100 ms.\n\n", "");

        assertThat(read(withoutMistakes).get(0).problems()).singleElement().asString()
                .contains("lacks **Common mistakes.**");
    }

    @Test
    @DisplayName("fails trade-offs written as a paragraph")
    void paragraph() throws Exception {
        String paragraph = GOOD.replace("- **Polling.** Simple.", "Polling is simple. WebSocket is not.");

        assertThat(read(paragraph).get(0).problems()).singleElement().asString()
                .contains("**Trade-offs.** as a paragraph");
    }

    @Test
    @DisplayName("fails a deeper point without a bold lead-in")
    void leadIn() throws Exception {
        String plain = GOOD.replace("- **Threads?** None parked.", "- None parked.");

        assertThat(read(plain).get(0).problems()).singleElement().asString()
                .contains("without a bold lead-in: \"- None parked.\"");
    }

    @Test
    @DisplayName("is found only below the interview heading, one per question heading")
    void whereAnswersAre() throws Exception {
        String two = "### \"Not an answer\"\n" + GOOD.replace("## Further reading",
                "### \"Second?\"\n\n**In 30 seconds.** Yes.\n\n## Further reading");

        assertThat(read(two)).extracting(InterviewAnswer::question)
                .containsExactly("Polling or WebSocket: which, and when?", "Second?");
    }
}
