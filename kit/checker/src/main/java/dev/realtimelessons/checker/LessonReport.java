package dev.realtimelessons.checker;

import java.util.ArrayList;
import java.util.List;

/**
 * What the checker found for one lesson (or for the course's own documents): one table row and its problems.
 */
final class LessonReport {

    final String name;
    int tests;
    int passedOnSolution;
    int stepTests;
    int stepTestsFailingOnStarter;
    int todos;
    int sectionsFound;
    int sectionsRequired;
    int snippets;
    int snippetsMatching;
    int answers;
    int answersInShape;
    /** Lines of the solution's files: what the student writes. */
    int studentLines;
    /** Lines of the lesson's given code: what the student reads and uses. */
    int givenLines;
    final List<String> problems = new ArrayList<>();

    LessonReport(String name) {
        this.name = name;
    }

    boolean ok() {
        return problems.isEmpty();
    }
}
