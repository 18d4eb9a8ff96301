/**
 * One annotation per step, {@code @Step1} to {@code @Step7}, each a composed JUnit {@code @Tag("step-N")}.
 *
 * <p>Why not one {@code @Step(N)}: JUnit reads a tag's name from a constant in the {@code @Tag} annotation, so an
 * annotation with a number cannot become a tag, and {@code -Dgroups=step-N} would stop working. A class per step
 * keeps that filter and still turns a typo into a compile error, where {@code @Tag("setp-2")} would silently
 * leave the test out of its step.
 */
package dev.realtimelessons.kit.testing.steps;
