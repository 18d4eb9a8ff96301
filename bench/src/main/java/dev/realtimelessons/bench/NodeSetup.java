package dev.realtimelessons.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Gets the Node reference server ready: {@code node} on the PATH, and {@code npm ci} once in its folder. */
final class NodeSetup {

    private NodeSetup() {
    }

    /**
     * @param dir the folder of {@code server.mjs} and {@code package-lock.json}
     * @return empty when the server can run, otherwise why it is skipped
     */
    static String prepare(Path dir) {
        if (version().isEmpty()) {
            return "skipped: node is not installed (not on the PATH)";
        }
        if (!Files.isRegularFile(dir.resolve("server.mjs"))) {
            return "skipped: no server.mjs in " + dir.toAbsolutePath();
        }
        if (Files.isDirectory(dir.resolve("node_modules").resolve("ws"))) {
            return "";
        }
        String out = run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        return Files.isDirectory(dir.resolve("node_modules").resolve("ws")) ? ""
                : "skipped: npm ci failed in " + dir.toAbsolutePath() + ": " + out;
    }

    /** @return {@code node --version}, or empty when node is not installed */
    static String version() {
        return run(Path.of("."), List.of("node", "--version"), 30).strip();
    }

    private static String run(Path dir, List<String> command, int seconds) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return process.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return ""; // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
