package dev.realtimelessons.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.realtimelessons.kit.testing.steps.Step2;
import dev.realtimelessons.kit.testing.steps.Step5;

@DisplayName("@StepN marks a test with the tag that -Dgroups=step-N selects")
class StepTagsTest {

    @Test
    @DisplayName("a class marked @Step2 is selected by the tag step-2, and a method marked @Step5 by step-5")
    void stepAnnotationsAreTags() {
        assertThat(testsTagged("step-2")).containsExactlyInAnyOrder("first", "second");
        assertThat(testsTagged("step-5")).containsExactly("second");
        assertThat(testsTagged("step-3")).isEmpty();
    }

    private static Set<String> testsTagged(String tag) {
        TestPlan plan = LauncherFactory.create().discover(request()
                .selectors(selectClass(MarkedTests.class))
                .filters(TagFilter.includeTags(tag))
                .build());
        return plan.getRoots().stream()
                .flatMap(root -> plan.getDescendants(root).stream())
                .filter(TestIdentifier::isTest)
                .map(TestIdentifier::getDisplayName)
                .map(name -> name.replace("()", ""))
                .collect(Collectors.toSet());
    }

    /** Discovered by the test above only: surefire leaves nested classes out of its own run. */
    @Step2
    static class MarkedTests {

        @Test
        void first() {
        }

        @Test
        @Step5
        void second() {
        }
    }
}
