package dev.realtimelessons.checker;

import java.util.List;

/**
 * Renders the checker's reports as a plain-text table, one row per lesson.
 */
final class Table {

    private static final String FORMAT = "%-32s %6s %9s %11s %16s %6s %15s %7s %8s %9s  %s%n";

    private Table() {
    }

    static String render(List<LessonReport> reports) {
        StringBuilder table = new StringBuilder(String.format(FORMAT, "lesson", "tests", "solution", "step tests",
                "fail on starter", "TODOs", "student/given", "README", "answers", "snippets", "result"));
        for (LessonReport r : reports) {
            boolean lesson = r.sectionsRequired > 0;
            table.append(String.format(FORMAT, r.name,
                    lesson ? r.tests : "-",
                    lesson ? r.passedOnSolution + "/" + r.tests : "-",
                    lesson ? r.stepTests : "-",
                    lesson ? r.stepTestsFailingOnStarter + "/" + r.stepTests : "-",
                    lesson ? r.todos : "-",
                    lesson ? r.studentLines + "/" + r.givenLines : "-",
                    lesson ? r.sectionsFound + "/" + r.sectionsRequired : "-",
                    lesson ? r.answersInShape + "/" + r.answers : "-",
                    r.snippetsMatching + "/" + r.snippets,
                    r.ok() ? "OK" : "FAIL (" + r.problems.size() + ")"));
        }
        table.append("student/given: lines of code the student writes (the solution's files) / lines the lesson "
                + "gives (src/given), blank lines left out; answers: interview answers in the course's shape / answers\n");
        return table.toString();
    }
}
