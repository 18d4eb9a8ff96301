package dev.realtimelessons.checker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One test's outcome as the kit's {@code LessonResultsListener} wrote it.
 *
 * @param outcome   SUCCESSFUL, FAILED, ABORTED or SKIPPED
 * @param tags      the test's tags, its class's included
 * @param className the test class
 * @param method    the test method
 * @param name      the display name
 * @param message   the first line of the failure, or empty
 */
record TestResult(String outcome, Set<String> tags, String className, String method, String name, String message) {

    boolean passed() {
        return "SUCCESSFUL".equals(outcome);
    }

    boolean failed() {
        return "FAILED".equals(outcome);
    }

    boolean skipped() {
        return "SKIPPED".equals(outcome) || "ABORTED".equals(outcome);
    }

    /** The step number from a {@code step-N} tag, or 0 when the test belongs to no step. */
    int step() {
        return tags.stream().filter(tag -> tag.matches("step-\\d+"))
                .mapToInt(tag -> Integer.parseInt(tag.substring(5))).findFirst().orElse(0);
    }

    String id() {
        return className.substring(className.lastIndexOf('.') + 1) + "." + method + " " + name;
    }

    /**
     * Reads a results file.
     *
     * @param file the file
     * @return the results, in the order they were written
     * @throws IOException if the file cannot be read
     */
    static List<TestResult> read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .map(TestResult::parse)
                .toList();
    }

    private static TestResult parse(String line) {
        String[] fields = Arrays.copyOf(line.split("\t", -1), 6);
        Set<String> tags = fields[1] == null || fields[1].isEmpty() ? Set.of()
                : Arrays.stream(fields[1].split(",")).collect(Collectors.toUnmodifiableSet());
        return new TestResult(fields[0], tags, nonNull(fields[2]), nonNull(fields[3]), nonNull(fields[4]),
                nonNull(fields[5]));
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
