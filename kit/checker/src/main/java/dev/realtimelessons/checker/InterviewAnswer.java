package dev.realtimelessons.checker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One answer of a lesson README's {@code ## Interview answer} section, in the course's shape:
 *
 * <pre>
 * ### "The question?"
 *
 * **In 30 seconds.** At most 75 words, said out loud.
 *
 * **Deeper points.**
 * - **A bold lead-in.** ...
 *
 * **Trade-offs.**
 * - ...
 *
 * **Common mistakes.**
 * - ...
 *
 * **Likely follow-ups.**
 * - *A question?* Its short answer.
 * </pre>
 *
 * @param readme   the lesson README
 * @param line     the question heading's line number, from 1
 * @param question the question, without its quotes
 * @param sections each labelled section's text (label removed), in the README's order
 */
record InterviewAnswer(Path readme, int line, String question, Map<String, String> sections) {

    /** The spoken version's limit: about 30 seconds at 140 to 150 spoken words a minute. */
    static final int MAX_WORDS = 75;

    static final String THIRTY_SECONDS = "In 30 seconds.";
    static final List<String> LABELS = List.of(THIRTY_SECONDS, "Deeper points.", "Trade-offs.",
            "Common mistakes.", "Likely follow-ups.");

    private static final Pattern QUESTION = Pattern.compile("^###\\s+\"(.+)\"\\s*$");
    private static final Pattern BOLD_LEAD_IN = Pattern.compile("^- \\*\\*[^*]+\\*\\*.*");

    /**
     * Reads the answers of a README: every {@code ### "question"} below {@code ## Interview answer}.
     *
     * @param readme the lesson README
     * @return its answers, in order; empty when it has no interview section
     * @throws IOException if it cannot be read
     */
    static List<InterviewAnswer> read(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        List<InterviewAnswer> answers = new ArrayList<>();
        boolean inInterview = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                inInterview = line.toLowerCase(Locale.ROOT).startsWith("## interview answer");
                continue;
            }
            var heading = QUESTION.matcher(line);
            if (inInterview && heading.matches()) {
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).startsWith("## ") && !lines.get(end).startsWith("### ")) {
                    end++;
                }
                answers.add(new InterviewAnswer(readme, i + 1, heading.group(1), sections(lines.subList(i + 1, end))));
            }
        }
        return answers;
    }

    private static Map<String, String> sections(List<String> body) {
        Map<String, String> sections = new LinkedHashMap<>();
        String label = null;
        StringBuilder text = new StringBuilder();
        for (String line : body) {
            String next = LABELS.stream().filter(l -> line.startsWith("**" + l + "**")).findFirst().orElse(null);
            if (next != null) {
                if (label != null) {
                    sections.put(label, text.toString().strip());
                }
                label = next;
                text.setLength(0);
                text.append(line.substring(next.length() + 4)).append('\n');
            } else if (label != null) {
                text.append(line).append('\n');
            }
        }
        if (label != null) {
            sections.put(label, text.toString().strip());
        }
        return sections;
    }

    /** The spoken version: the first paragraph after {@code **In 30 seconds.**}, on one line. */
    String thirtySeconds() {
        String section = sections.getOrDefault(THIRTY_SECONDS, "");
        String paragraph = section.split("\\n\\s*\\n", 2)[0];
        return String.join(" ", paragraph.strip().split("\\s+"));
    }

    /** The fragment GitHub gives the question's heading, for links to it. */
    String anchor() {
        return question.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    /** Whitespace-separated words, as a speaker would count them. */
    static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    /**
     * What is wrong with this answer's shape.
     *
     * @return the problems, each naming the README line; empty when the answer has the course's shape
     */
    List<String> problems() {
        String where = readme.getFileName() + ":" + line + " \"" + question + "\" ";
        List<String> problems = new ArrayList<>();
        List<String> missing = LABELS.stream().filter(label -> sections.getOrDefault(label, "").isEmpty()).toList();
        if (!missing.isEmpty()) {
            problems.add(where + "lacks " + String.join(", ", missing.stream().map(l -> "**" + l + "**").toList()));
        } else if (!List.copyOf(sections.keySet()).equals(LABELS)) {
            problems.add(where + "has its sections out of order: " + sections.keySet() + ", expected " + LABELS);
        }
        int words = words(thirtySeconds());
        if (words > MAX_WORDS) {
            problems.add(where + "has a 30-second version of " + words + " words; at most " + MAX_WORDS
                    + " can be said in 30 seconds: move the rest into the deeper points");
        }
        for (String label : LABELS.subList(1, LABELS.size())) {
            String section = sections.getOrDefault(label, "");
            if (!section.isEmpty() && !isBulletList(section)) {
                problems.add(where + "has **" + label + "** as a paragraph: make it a bullet list");
            }
        }
        for (String bullet : bullets(sections.getOrDefault("Deeper points.", ""))) {
            if (!BOLD_LEAD_IN.matcher(bullet).matches()) {
                problems.add(where + "has a deeper point without a bold lead-in: \"" + abbreviate(bullet) + "\"");
            }
        }
        return problems;
    }

    /** Every line a bullet, a bullet's indented continuation, or a table row; and a bullet first. */
    private static boolean isBulletList(String section) {
        List<String> lines = section.lines().filter(line -> !line.isBlank()).toList();
        return !lines.isEmpty() && lines.get(0).startsWith("- ")
                && lines.stream().allMatch(line -> line.startsWith("- ") || line.startsWith(" ")
                        || line.startsWith("|"));
    }

    private static List<String> bullets(String section) {
        return section.lines().filter(line -> line.startsWith("- ")).toList();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
