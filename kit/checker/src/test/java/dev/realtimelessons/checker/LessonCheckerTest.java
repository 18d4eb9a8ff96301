package dev.realtimelessons.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The lesson checker, on a lesson of its own making")
class LessonCheckerTest {

    private static final String README = """
            # Lesson 99
            ## Why it matters
            ## What you'll build
            ## Steps
            ## Hints
            <details><summary>Step 1</summary>hint</details>
            ## Run it
            ## Interview answer
            ### "Why?"
            **In 30 seconds.** Because.
            **Deeper points.**
            - **Why not?** Because.
            **Trade-offs.**
            - None.
            **Common mistakes.**
            - None.
            **Likely follow-ups.**
            - *Really?* Yes.
            ## Further reading
            """;

    @TempDir
    Path root;
    private Path lesson;
    private Path solution;

    @BeforeEach
    void aLessonThatIsRight() throws Exception {
        lesson = Files.createDirectories(root.resolve("lessons/99-example"));
        solution = Files.createDirectories(root.resolve("solutions/99-example"));
        Files.createDirectories(solution.resolve("target"));
        Files.writeString(lesson.resolve("pom.xml"), "<project/>");
        Files.writeString(lesson.resolve("README.md"), README);
        Path starter = Files.createDirectories(lesson.resolve("src/main/java"));
        Files.writeString(starter.resolve("A.java"),
                "class A { void a() { throw new TodoException(\"Step 1: write the method a (see README)\"); } }");
        Files.createDirectories(lesson.resolve("target"));
        results(solution, "SUCCESSFUL\tstep-1\tATest\tworks\tworks\t", "SUCCESSFUL\t\tATest\tgiven\tgiven\t");
        results(lesson, "FAILED\tstep-1\tATest\tworks\tworks\tTodoException: TODO Step 1", "SUCCESSFUL\t\tATest\tgiven\tgiven\t");
    }

    private static void results(Path module, String... lines) throws Exception {
        Files.write(module.resolve("target/lesson-results.tsv"), List.of(lines));
    }

    private LessonReport check() throws Exception {
        return new LessonChecker(root, true).checkLesson(lesson);
    }

    @Test
    @DisplayName("passes a lesson whose step tests fail on the starter and pass on the solution")
    void passesAGoodLesson() throws Exception {
        LessonReport report = check();

        assertThat(report.problems).isEmpty();
        assertThat(report.tests).isEqualTo(2);
        assertThat(report.stepTestsFailingOnStarter).isEqualTo(1);
    }

    @Test
    @DisplayName("fails a step test that passes on the untouched starter")
    void failsAStepTestThatProvesNothing() throws Exception {
        results(lesson, "SUCCESSFUL\tstep-1\tATest\tworks\tworks\t", "SUCCESSFUL\t\tATest\tgiven\tgiven\t");

        assertThat(check().problems).singleElement().asString().contains("proves nothing");
    }

    @Test
    @DisplayName("fails a test that does not pass on the solution, and a skipped one under CI")
    void failsWhatDoesNotPassOnTheSolution() throws Exception {
        results(solution, "FAILED\tstep-1\tATest\tworks\tworks\tboom", "SKIPPED\t\tATest\tgiven\tgiven\tno browser");

        assertThat(check().problems).hasSize(2).allSatisfy(p -> assertThat(p).contains("on the solution"));
    }

    @Test
    @DisplayName("fails a README without its sections and a starter without a TODO")
    void failsAMissingSectionAndTodo() throws Exception {
        Files.writeString(lesson.resolve("README.md"), README.replace("## Interview answer\n", ""));
        Files.writeString(lesson.resolve("src/main/java/A.java"), "class A { void a() { } }");

        assertThat(check().problems).anySatisfy(p -> assertThat(p).contains("no section \"Interview answer\""))
                .anySatisfy(p -> assertThat(p).contains("no TODO"));
    }

    @Test
    @DisplayName("counts a Lua script's error(\"Step N: ...\") as a TODO, and the lines the student writes")
    void countsALuaTodoAndTheBalance() throws Exception {
        Files.writeString(lesson.resolve("src/main/java/A.java"), "class A { }");
        Path scripts = Files.createDirectories(lesson.resolve("src/main/resources/scripts"));
        Files.writeString(scripts.resolve("a.lua"), "error(\"Step 1: number and store in one step (see README)\")\n");
        Path solved = Files.createDirectories(solution.resolve("src/main/resources/scripts"));
        Files.writeString(solved.resolve("a.lua"), "local n = 1\n\nreturn n\n");
        Path given = Files.createDirectories(lesson.resolve("src/given/java"));
        Files.writeString(given.resolve("B.java"), "class B {\n\n}\n");

        LessonReport report = check();

        assertThat(report.problems).isEmpty();
        assertThat(report.todos).isEqualTo(1);
        assertThat(report.studentLines).isEqualTo(2);
        assertThat(report.givenLines).isEqualTo(2);
    }
}
