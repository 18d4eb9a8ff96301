package dev.realtimelessons.checker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A code block in a Markdown document that says where it comes from:
 *
 * <pre>
 * &lt;!-- snippet: solutions/01-polling-vs-websocket/src/main/java/.../HandshakeAccept.java#accept --&gt;
 * ```java
 * ...the region, exactly...
 * ```
 * </pre>
 *
 * <p>The path is relative to the repository root; the block must be the region {@code accept} of that file.
 *
 * @param document  the Markdown file
 * @param line      the marker's line number, from 1
 * @param source    the source file, relative to the root
 * @param tag       the region's name
 * @param quoted    the block's text as the document has it, or null when no block follows the marker
 * @param openFence the line that opens the block, for example {@code ```java}
 */
record Snippet(Path document, int line, String source, String tag, String quoted, String openFence) {

    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*snippet:\\s*(\\S+?)#([\\w.-]+)\\s*-->\\s*$");

    /**
     * Finds the snippets of a document.
     *
     * @param document the Markdown file
     * @return its snippets, in order
     * @throws IOException if it cannot be read
     */
    static List<Snippet> find(Path document) throws IOException {
        List<String> lines = Files.readAllLines(document, StandardCharsets.UTF_8);
        List<Snippet> snippets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i));
            if (!marker.matches()) {
                continue;
            }
            int open = i + 1;
            String quoted = null;
            String fence = null;
            if (open < lines.size() && lines.get(open).stripLeading().startsWith("```")) {
                fence = lines.get(open);
                StringBuilder block = new StringBuilder();
                int close = open + 1;
                while (close < lines.size() && !lines.get(close).strip().equals("```")) {
                    block.append(lines.get(close)).append('\n');
                    close++;
                }
                quoted = close < lines.size() ? block.toString() : null;
            }
            snippets.add(new Snippet(document, i + 1, marker.group(1), marker.group(2), quoted, fence));
        }
        return snippets;
    }

    /**
     * Checks the snippet against its source.
     *
     * @param root the repository root
     * @return a problem, or empty when the block is the region exactly
     * @throws IOException if the source cannot be read
     */
    Optional<String> problem(Path root) throws IOException {
        String where = root.relativize(document) + ":" + line + " ";
        Path file = root.resolve(source);
        if (!Files.isRegularFile(file)) {
            return Optional.of(where + "names " + source + ", which does not exist");
        }
        Optional<String> region = TaggedRegion.extract(file, tag);
        if (region.isEmpty()) {
            return Optional.of(where + source + " has no region tag::" + tag + "[]");
        }
        if (quoted == null) {
            return Optional.of(where + "the marker must be followed by a fenced code block");
        }
        if (!quoted.equals(region.get())) {
            return Optional.of(where + "the block differs from " + source + "#" + tag
                    + " (run the checker with --fix to copy the region in)");
        }
        return Optional.empty();
    }

    /**
     * Copies every region named by a document's markers into the block under the marker.
     *
     * @param document the Markdown file
     * @param root     the repository root
     * @return true if the document changed
     * @throws IOException if a file cannot be read or written
     */
    static boolean fix(Path document, Path root) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(document, StandardCharsets.UTF_8));
        boolean changed = false;
        for (int i = 0; i < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i));
            if (!marker.matches()) {
                continue;
            }
            Path file = root.resolve(marker.group(1));
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Optional<String> region = TaggedRegion.extract(file, marker.group(2));
            if (region.isEmpty()) {
                continue;
            }
            List<String> block = region.get().lines().toList();
            int open = i + 1;
            if (open < lines.size() && lines.get(open).stripLeading().startsWith("```")) {
                int close = open + 1;
                while (close < lines.size() && !lines.get(close).strip().equals("```")) {
                    close++;
                }
                List<String> old = lines.subList(open + 1, Math.min(close, lines.size()));
                if (!old.equals(block)) {
                    old.clear();
                    old.addAll(block);
                    changed = true;
                }
            } else {
                List<String> inserted = new ArrayList<>();
                inserted.add("```" + language(file));
                inserted.addAll(block);
                inserted.add("```");
                lines.addAll(open, inserted);
                changed = true;
            }
        }
        if (changed) {
            Files.write(document, lines, StandardCharsets.UTF_8);
        }
        return changed;
    }

    private static String language(Path file) {
        String name = file.getFileName().toString();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
