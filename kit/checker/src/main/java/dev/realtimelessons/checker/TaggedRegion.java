package dev.realtimelessons.checker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A region of a source file between {@code // tag::name[]} and {@code // end::name[]} (the Asciidoctor
 * convention; {@code #}, {@code <!--} and Lua's {@code --} open the marker too), as a document quotes it: marker
 * lines of other regions inside it left out, common indentation removed.
 */
final class TaggedRegion {

    private static final Pattern ANY_MARKER = Pattern.compile("^\\s*(//|#|<!--|--)\\s*(tag|end)::[\\w.-]+\\[\\].*$");

    private TaggedRegion() {
    }

    /**
     * Extracts a region.
     *
     * @param file the source file
     * @param tag  the region's name
     * @return the region's text, each line ending with {@code \n}; empty if the file has no such region
     * @throws IOException if the file cannot be read
     */
    static Optional<String> extract(Path file, String tag) throws IOException {
        return extract(Files.readAllLines(file, StandardCharsets.UTF_8), tag);
    }

    static Optional<String> extract(List<String> lines, String tag) {
        Pattern start = Pattern.compile("^\\s*(//|#|<!--|--)\\s*tag::" + Pattern.quote(tag) + "\\[\\].*$");
        Pattern end = Pattern.compile("^\\s*(//|#|<!--|--)\\s*end::" + Pattern.quote(tag) + "\\[\\].*$");
        List<String> region = null;
        for (String line : lines) {
            if (region == null) {
                if (start.matcher(line).matches()) {
                    region = new ArrayList<>();
                }
            } else if (end.matcher(line).matches()) {
                return Optional.of(dedent(region));
            } else if (!ANY_MARKER.matcher(line).matches()) {
                region.add(line);
            }
        }
        return Optional.empty();
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line.isBlank() ? "" : line.substring(indent).stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
