package dev.realtimelessons.kit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records every test's outcome and tags for the lesson checker.
 *
 * <p>Registered through {@code META-INF/services}, so it runs wherever kit-testing is on the test classpath. It
 * writes only when the system property {@value #FILE_PROPERTY} names a file (the build sets it to
 * {@code target/lesson-results.tsv}). One line per test: outcome, tags, class, method, first line of the failure.
 */
public final class LessonResultsListener implements TestExecutionListener {

    /** The system property that names the results file. */
    public static final String FILE_PROPERTY = "lessons.results.file";

    private final List<String> lines = new ArrayList<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            record(test, "SKIPPED", reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
            String why = result.getThrowable().map(LessonResultsListener::firstLine).orElse("");
            record(test, result.getStatus().name(), why);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            Path path = Path.of(file);
            Files.createDirectories(path.toAbsolutePath().getParent());
            synchronized (lines) {
                Files.write(path, lines, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test results to " + file, e);
        }
    }

    private void record(TestIdentifier test, String outcome, String why) {
        String tags = test.getTags().stream().map(TestTag::getName).sorted().collect(Collectors.joining(","));
        String className = "";
        String method = test.getDisplayName();
        if (test.getSource().orElse(null) instanceof MethodSource source) {
            className = source.getClassName();
            method = source.getMethodName();
        }
        String line = String.join("\t", outcome, tags, className, method, clean(test.getDisplayName()), clean(why));
        synchronized (lines) {
            lines.add(line);
        }
    }

    private static String firstLine(Throwable failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String clean(String text) {
        String flat = text.replaceAll("[\\t\\r\\n]+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
