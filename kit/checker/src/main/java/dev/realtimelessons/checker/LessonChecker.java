package dev.realtimelessons.checker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Proves, per lesson, what the course promises, and fails when anything is off:
 * <ul>
 *   <li>every test passes on the solution (and there are tests);</li>
 *   <li>every test tagged {@code step-N} fails on the untouched starter: a step test that passes without the
 *       student's work proves nothing;</li>
 *   <li>the starter has TODOs that throw {@code TodoException("Step N: ...")} (in a Lua script:
 *       {@code error("Step N: ...")}), one step at least per tagged step and no step without tests;</li>
 *   <li>the lesson README has the course's sections, and each interview answer has the course's shape: a
 *       30-second version of at most 75 words, then deeper points with bold lead-ins, trade-offs, common
 *       mistakes and follow-ups as bullet lists ({@link InterviewAnswer});</li>
 *   <li>each interview slide quotes its README's 30-second version, and {@code INTERVIEW.md} has every answer's
 *       30-second version and only figures its sources state ({@link InterviewSlides}, {@link CheatSheet});</li>
 *   <li>every code block marked {@code <!-- snippet: path#tag -->} in a README or a slide deck is exactly the
 *       tagged region of that source file;</li>
 *   <li>no folder is a source root of two modules ({@link SourceRoots}).</li>
 * </ul>
 * Its table also shows, per lesson, how many lines the student writes (the solution's files) next to the lines
 * the lesson gives, so that the balance between the exercise and the plumbing stays visible.
 * It reads the results that the build's test runs left in {@code target/lesson-results.tsv}, so it runs after
 * {@code ./mvnw verify -Dcheck} has run the tests on solutions and starters. With {@code --fix}, it copies the
 * tagged regions into the documents, and the READMEs' 30-second answers into the decks and the cheat sheet,
 * instead of checking them.
 */
public final class LessonChecker {

    static final List<String> README_SECTIONS = List.of("Why it matters", "What you'll build", "Steps", "Hints",
            "Run it", "Interview answer", "Further reading");

    private static final Pattern TODO = Pattern.compile("new\\s+TodoException\\(\\s*\"([^\"]*)");
    private static final Pattern LUA_TODO = Pattern.compile("\\berror\\(\\s*[\"']([^\"']*)");
    private static final Pattern STEP_TODO = Pattern.compile("Step (\\d+): .{10,}");
    private static final Pattern HEADING = Pattern.compile("^#{2,3}\\s+(.*)$");

    private final Path root;
    private final boolean underCi;

    LessonChecker(Path root, boolean underCi) {
        this.root = root.toAbsolutePath().normalize();
        this.underCi = underCi;
    }

    /**
     * Checks every lesson, prints a table, and fails when any lesson has a problem.
     *
     * @param args the repository root (default: the current directory), and {@code --fix} to update snippets
     * @throws Exception if a lesson has a problem: the message lists them
     */
    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        Path root = Path.of(options.stream().filter(arg -> !arg.startsWith("--")).findFirst().orElse("."));
        LessonChecker checker = new LessonChecker(root, "true".equalsIgnoreCase(System.getenv("CI")));
        if (options.contains("--fix")) {
            for (Path document : checker.documents()) {
                if (Snippet.fix(document, checker.root)) {
                    System.out.println("updated " + checker.root.relativize(document));
                }
            }
            for (Path lesson : checker.lessons()) {
                List<InterviewAnswer> answers = checker.answers(lesson);
                for (Path deck : checker.slideDecks(lesson)) {
                    if (InterviewSlides.fix(deck, answers)) {
                        System.out.println("updated " + checker.root.relativize(deck));
                    }
                }
            }
            if (CheatSheet.fix(checker.root, checker.lessonReadmes())) {
                System.out.println("updated " + CheatSheet.FILE);
            }
            return;
        }
        List<LessonReport> reports = checker.checkAll();
        System.out.println(Table.render(reports));
        int tests = reports.stream().mapToInt(report -> report.tests).sum();
        int passed = reports.stream().mapToInt(report -> report.passedOnSolution).sum();
        List<LessonReport> lessons = reports.stream().filter(report -> report.sectionsRequired > 0).toList();
        System.out.printf("lessons: %d passed, %d failed%n", lessons.stream().filter(LessonReport::ok).count(),
                lessons.stream().filter(report -> !report.ok()).count());
        System.out.printf("solutions: %d passed, %d failed%n", passed, tests - passed);
        List<String> problems = reports.stream()
                .flatMap(report -> report.problems.stream().map(problem -> report.name + ": " + problem))
                .toList();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the lesson checker found " + problems.size() + " problem(s):\n  "
                    + String.join("\n  ", problems));
        }
    }

    List<LessonReport> checkAll() throws IOException {
        List<LessonReport> reports = new ArrayList<>();
        for (Path lesson : lessons()) {
            reports.add(checkLesson(lesson));
        }
        reports.add(checkCourseDocuments());
        reports.add(checkSourceRoots());
        return reports;
    }

    LessonReport checkLesson(Path lesson) throws IOException {
        String name = lesson.getFileName().toString();
        LessonReport report = new LessonReport(name);
        Path solution = root.resolve("solutions").resolve(name);
        if (!Files.isDirectory(solution)) {
            report.problems.add("has no solution at solutions/" + name);
            return report;
        }
        Set<Integer> testedSteps = checkResults(report, lesson, solution);
        checkTodos(report, lesson, testedSteps);
        report.studentLines = codeLines(solution.resolve("src/main"));
        report.givenLines = codeLines(lesson.resolve("src/given"));
        checkReadme(report, lesson.resolve("README.md"));
        checkInterview(report, lesson);
        for (Path document : lessonDocuments(lesson)) {
            checkSnippets(report, document);
        }
        return report;
    }

    private Set<Integer> checkResults(LessonReport report, Path lesson, Path solution) throws IOException {
        Path onSolution = solution.resolve("target/lesson-results.tsv");
        Path onStarter = lesson.resolve("target/lesson-results.tsv");
        if (!Files.isRegularFile(onSolution) || !Files.isRegularFile(onStarter)) {
            report.problems.add("no test results: run ./mvnw verify -Dcheck (it runs the tests on the solution "
                    + "and on the starter before this checker)");
            return Set.of();
        }
        List<TestResult> solutionResults = TestResult.read(onSolution);
        report.tests = solutionResults.size();
        if (report.tests == 0) {
            report.problems.add("the lesson has no tests");
        }
        for (TestResult result : solutionResults) {
            if (result.passed()) {
                report.passedOnSolution++;
            } else if (result.skipped() && !underCi) {
                report.passedOnSolution++; // outside CI a test may skip, e.g. when no browser is installed
            } else {
                report.problems.add("on the solution, " + result.id() + " " + result.outcome() + ": "
                        + result.message());
            }
        }

        Map<String, TestResult> starterResults = TestResult.read(onStarter).stream()
                .collect(Collectors.toMap(r -> r.id(), Function.identity(), (a, b) -> a.failed() ? b : a));
        Set<Integer> steps = new TreeSet<>();
        for (TestResult result : solutionResults) {
            if (result.step() == 0) {
                continue;
            }
            steps.add(result.step());
            report.stepTests++;
            TestResult onStarterResult = starterResults.get(result.id());
            if (onStarterResult == null) {
                report.problems.add("step test " + result.id() + " did not run on the starter");
            } else if (onStarterResult.failed()) {
                report.stepTestsFailingOnStarter++;
            } else {
                report.problems.add("step test " + result.id() + " does not fail on the untouched starter ("
                        + onStarterResult.outcome() + "): it proves nothing");
            }
        }
        if (report.stepTests == 0 && report.tests > 0) {
            report.problems.add("no test is tagged step-N");
        }
        return steps;
    }

    private void checkTodos(LessonReport report, Path lesson, Set<Integer> testedSteps) throws IOException {
        Set<Integer> todoSteps = new TreeSet<>();
        for (Path file : codeFiles(lesson.resolve("src/main"))) {
            Pattern pattern = file.toString().endsWith(".lua") ? LUA_TODO : TODO;
            Matcher todo = pattern.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (todo.find()) {
                report.todos++;
                Matcher step = STEP_TODO.matcher(todo.group(1));
                if (step.lookingAt()) {
                    todoSteps.add(Integer.parseInt(step.group(1)));
                } else {
                    report.problems.add(root.relativize(file) + ": a TODO must say its task as \"Step N: ...\", "
                            + "got \"" + todo.group(1) + "\"");
                }
            }
        }
        if (report.todos == 0) {
            report.problems.add("the starter has no TODO that throws TodoException (or a Lua error(\"Step N: ...\"))");
        }
        for (int step : testedSteps) {
            if (!todoSteps.contains(step)) {
                report.problems.add("tests are tagged step-" + step + " but no TODO says \"Step " + step + ":\"");
            }
        }
        for (int step : todoSteps) {
            if (!testedSteps.isEmpty() && !testedSteps.contains(step)) {
                report.problems.add("a TODO says \"Step " + step + ":\" but no test is tagged step-" + step);
            }
        }
    }

    private void checkReadme(LessonReport report, Path readme) throws IOException {
        report.sectionsRequired = README_SECTIONS.size();
        if (!Files.isRegularFile(readme)) {
            report.problems.add("has no README.md");
            return;
        }
        List<String> headings = Files.readAllLines(readme, StandardCharsets.UTF_8).stream()
                .map(HEADING::matcher).filter(Matcher::matches)
                .map(m -> normalize(m.group(1))).toList();
        for (String section : README_SECTIONS) {
            if (headings.stream().anyMatch(heading -> heading.contains(normalize(section)))) {
                report.sectionsFound++;
            } else {
                report.problems.add("README.md has no section \"" + section + "\"");
            }
        }
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        if (!text.contains("<details>")) {
            report.problems.add("README.md has no hints in <details>");
        }
    }

    private void checkInterview(LessonReport report, Path lesson) throws IOException {
        List<InterviewAnswer> answers = answers(lesson);
        if (answers.isEmpty()) {
            report.problems.add("README.md has no interview answer (### \"question\" below ## Interview answer)");
        }
        for (InterviewAnswer answer : answers) {
            report.answers++;
            List<String> problems = answer.problems();
            if (problems.isEmpty()) {
                report.answersInShape++;
            }
            report.problems.addAll(problems);
        }
        for (Path deck : slideDecks(lesson)) {
            report.problems.addAll(InterviewSlides.problems(deck, answers, root));
        }
    }

    private List<InterviewAnswer> answers(Path lesson) throws IOException {
        Path readme = lesson.resolve("README.md");
        return Files.isRegularFile(readme) ? InterviewAnswer.read(readme) : List.of();
    }

    private List<Path> lessonReadmes() throws IOException {
        return lessons().stream().map(lesson -> lesson.resolve("README.md")).filter(Files::isRegularFile).toList();
    }

    private LessonReport checkCourseDocuments() throws IOException {
        LessonReport report = new LessonReport("course (README, intro slides)");
        report.problems.addAll(CheatSheet.problems(root, lessonReadmes()));
        List<Path> lessonDocs = new ArrayList<>();
        for (Path lesson : lessons()) {
            lessonDocs.addAll(lessonDocuments(lesson));
        }
        for (Path document : documents()) {
            if (!lessonDocs.contains(document)) {
                checkSnippets(report, document);
            }
        }
        return report;
    }

    private LessonReport checkSourceRoots() throws IOException {
        LessonReport report = new LessonReport("course build (source roots)");
        Path effectivePoms = root.resolve(SourceRoots.EFFECTIVE_POMS);
        if (!Files.isRegularFile(effectivePoms)) {
            report.problems.add("no " + SourceRoots.EFFECTIVE_POMS + ": run ./mvnw verify -Dcheck, which writes it "
                    + "before the checker runs");
            return report;
        }
        report.problems.addAll(SourceRoots.read(effectivePoms).problems());
        return report;
    }

    private void checkSnippets(LessonReport report, Path document) throws IOException {
        for (Snippet snippet : Snippet.find(document)) {
            report.snippets++;
            Optional<String> problem = snippet.problem(root);
            if (problem.isPresent()) {
                report.problems.add(problem.get());
            } else {
                report.snippetsMatching++;
            }
        }
    }

    List<Path> lessons() throws IOException {
        Path lessons = root.resolve("lessons");
        try (Stream<Path> children = Files.list(lessons)) {
            return children.filter(path -> path.getFileName().toString().matches("\\d\\d-.+"))
                    .filter(path -> Files.isRegularFile(path.resolve("pom.xml")))
                    .sorted().toList();
        }
    }

    private List<Path> lessonDocuments(Path lesson) throws IOException {
        List<Path> documents = new ArrayList<>();
        if (Files.isRegularFile(lesson.resolve("README.md"))) {
            documents.add(lesson.resolve("README.md"));
        }
        documents.addAll(slideDecks(lesson));
        return documents;
    }

    private List<Path> slideDecks(Path lesson) throws IOException {
        String number = lesson.getFileName().toString().substring(0, 2);
        return slideDecks().stream().filter(deck -> deck.getFileName().toString().startsWith(number + "-")).toList();
    }

    /** Every document whose snippets are checked: READMEs at the root and of lessons, PROTOCOL.md, slide decks. */
    List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>();
        for (String name : List.of("README.md", "PROTOCOL.md", CheatSheet.FILE)) {
            if (Files.isRegularFile(root.resolve(name))) {
                documents.add(root.resolve(name));
            }
        }
        for (Path lesson : lessons()) {
            if (Files.isRegularFile(lesson.resolve("README.md"))) {
                documents.add(lesson.resolve("README.md"));
            }
        }
        documents.addAll(slideDecks());
        return documents;
    }

    private List<Path> slideDecks() throws IOException {
        Path slides = root.resolve("slides");
        if (!Files.isDirectory(slides)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(slides)) {
            return files.filter(path -> path.getFileName().toString().matches("\\d\\d-.+\\.md")).sorted().toList();
        }
    }

    /** The Java and Lua files below a folder: what a student writes or reads as code. */
    private static List<Path> codeFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(path -> path.toString().endsWith(".java") || path.toString().endsWith(".lua"))
                    .sorted().toList();
        }
    }

    /** Lines of code below a folder, blank lines left out. */
    static int codeLines(Path dir) throws IOException {
        int lines = 0;
        for (Path file : codeFiles(dir)) {
            lines += (int) Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank()).count();
        }
        return lines;
    }

    private static String normalize(String text) {
        return text.replace('\u2019', '\'').toLowerCase(Locale.ROOT);
    }
}
