package dev.realtimelessons.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The source-root rule, on effective POMs of its own making")
class SourceRootsTest {

    @TempDir
    Path dir;

    private SourceRoots read(String... projects) throws Exception {
        Path file = dir.resolve("effective-poms.xml");
        Files.writeString(file, "<projects>" + String.join("", projects) + "</projects>");
        return SourceRoots.read(file);
    }

    private static String module(String artifactId, String folder, String extraSource) {
        return """
                <project>
                  <artifactId>%1$s</artifactId>
                  <build>
                    <sourceDirectory>%2$s/src/main/java</sourceDirectory>
                    <testSourceDirectory>%2$s/src/test/java</testSourceDirectory>
                    <directory>%2$s/target</directory>
                    <resources><resource><directory>%2$s/src/main/resources</directory></resource></resources>
                    <plugins>
                      <plugin>
                        <artifactId>build-helper-maven-plugin</artifactId>
                        <executions><execution><configuration>
                          <sources><source>%3$s</source></sources>
                        </configuration></execution></executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(artifactId, folder, extraSource);
    }

    @Test
    @DisplayName("passes modules whose roots, relative ones included, lie in their own folders")
    void passesOwnRoots() throws Exception {
        SourceRoots roots = read(module("lesson", "/c/lessons/03", "src/given/java"),
                module("solution", "/c/solutions/03", "/c/solutions/03/target/generated-sources/lesson-given"));

        assertThat(roots.problems()).isEmpty();
        assertThat(roots.modules().get(0).roots()).contains(Path.of("/c/lessons/03/src/given/java"));
    }

    @Test
    @DisplayName("fails a solution that compiles the lesson's folder in place")
    void failsASharedRoot() throws Exception {
        SourceRoots roots = read(module("lesson", "/c/lessons/03", "src/given/java"),
                module("solution", "/c/solutions/03", "/c/solutions/03/../../lessons/03/src/given/java"));

        assertThat(roots.problems())
                .anySatisfy(p -> assertThat(p).contains("solution has a source root outside its folder"))
                .anySatisfy(p -> assertThat(p).contains("lesson and solution share a source root: "
                        + Path.of("/c/lessons/03/src/given/java")));
    }
}
