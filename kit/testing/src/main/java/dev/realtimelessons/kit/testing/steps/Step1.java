package dev.realtimelessons.kit.testing.steps;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Marks a test (or every test of a class) as a test of step 1 of its lesson: tag {@code step-1}, so
 * {@code -Dgroups=step-1} runs it. A misspelt step does not compile, so it cannot hide a test.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("step-1")
public @interface Step1 {
}
