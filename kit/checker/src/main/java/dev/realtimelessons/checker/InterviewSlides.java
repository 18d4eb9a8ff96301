package dev.realtimelessons.checker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The interview slides of a lesson's deck: each {@code ## Interview: "question"} slide quotes the README's
 * 30-second version as its first line ({@code > ...}), so that the deck and the README say the same words.
 * The README is the source: {@link #fix} copies its text into the deck.
 */
final class InterviewSlides {

    private static final Pattern SLIDE = Pattern.compile("^##\\s+Interview:\\s+\"(.+)\"\\s*$");

    private InterviewSlides() {
    }

    /**
     * Checks a deck against its lesson's answers.
     *
     * @param deck    the slide deck
     * @param answers the lesson README's answers
     * @param root    the repository root, to name files in problems
     * @return the problems: a question with no slide, a slide with no question, a slide that says other words
     * @throws IOException if the deck cannot be read
     */
    static List<String> problems(Path deck, List<InterviewAnswer> answers, Path root) throws IOException {
        List<String> lines = Files.readAllLines(deck, StandardCharsets.UTF_8);
        Map<String, Integer> slides = slides(lines);
        String name = root.relativize(deck).toString();
        List<String> problems = new ArrayList<>();
        for (InterviewAnswer answer : answers) {
            Integer quote = slides.remove(answer.question());
            if (quote == null) {
                problems.add(name + " has no slide \"## Interview: \\\"" + answer.question() + "\\\"\"");
            } else if (quote < 0 || !lines.get(quote).equals("> " + answer.thirtySeconds())) {
                problems.add(name + ":" + (quote < 0 ? -quote : quote + 1) + " does not quote the README's 30-second "
                        + "version of \"" + answer.question() + "\" (run the checker with --fix)");
            }
        }
        slides.keySet().forEach(question -> problems.add(name + " has a slide for \"" + question
                + "\", which is not a question of the lesson README"));
        return problems;
    }

    /**
     * Copies each answer's 30-second version into its slide's quote line.
     *
     * @return whether the deck changed
     * @throws IOException if the deck cannot be read or written
     */
    static boolean fix(Path deck, List<InterviewAnswer> answers) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(deck, StandardCharsets.UTF_8));
        Map<String, Integer> slides = slides(lines);
        boolean changed = false;
        for (InterviewAnswer answer : answers) {
            Integer quote = slides.get(answer.question());
            if (quote == null) {
                continue;
            }
            String line = "> " + answer.thirtySeconds();
            if (quote < 0) {
                lines.add(-quote, "");
                lines.add(-quote, line);
                lines.add(-quote, "");
                slides = slides(lines);
                changed = true;
            } else if (!lines.get(quote).equals(line)) {
                lines.set(quote, line);
                changed = true;
            }
        }
        if (changed) {
            Files.write(deck, lines, StandardCharsets.UTF_8);
        }
        return changed;
    }

    /**
     * The interview slides by question: the index of the quote line, or, when the slide has no quote first,
     * minus the index of the line after its heading.
     */
    private static Map<String, Integer> slides(List<String> lines) {
        Map<String, Integer> slides = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher slide = SLIDE.matcher(lines.get(i));
            if (!slide.matches()) {
                continue;
            }
            int quote = i + 1;
            while (quote < lines.size() && lines.get(quote).isBlank()) {
                quote++;
            }
            boolean quoted = quote < lines.size() && lines.get(quote).startsWith("> ");
            slides.put(slide.group(1), quoted ? quote : -(i + 1));
        }
        return slides;
    }
}
