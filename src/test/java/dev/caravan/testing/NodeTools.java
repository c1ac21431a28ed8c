package dev.caravan.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Node.js tools under {@code src/test/e2e} (playwright-core with Debian's Chromium, a
 * Prometheus text-format parser). {@code .ci/run} installs them and sets {@code CARAVAN_E2E=required};
 * elsewhere a test that needs them is skipped when they are missing.
 */
public final class NodeTools {
    public static final Path DIRECTORY = Path.of("src/test/e2e").toAbsolutePath();
    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    private NodeTools() {
    }

    /** Skips the calling test when {@code package} (and, if asked, Chromium) is missing, unless CI requires them. */
    public static void assume(String npmPackage, boolean chromium) {
        boolean ready = Files.isDirectory(DIRECTORY.resolve("node_modules").resolve(npmPackage)) && (!chromium || Files.isExecutable(CHROMIUM));
        if (!"required".equals(System.getenv("CARAVAN_E2E"))) {
            Assumptions.assumeTrue(ready, npmPackage + (chromium ? " or Chromium (" + CHROMIUM + ")" : "") + " is missing; .ci/run installs them");
        }
    }

    /** What a Node script printed (stdout and stderr), its exit code, after feeding it {@code input}. */
    public record Result(int exitCode, String output) {
    }

    public static Result run(String script, String input, long timeoutSeconds, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", DIRECTORY.resolve(script).toString()));
        command.addAll(List.of(arguments));
        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var stdin = node.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        byte[] output = node.getInputStream().readAllBytes();
        if (!node.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError(script + " did not end within " + timeoutSeconds + " s: " + new String(output, StandardCharsets.UTF_8));
        }
        return new Result(node.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
