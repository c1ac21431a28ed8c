package dev.caravan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged CLI ({@code java -jar target/caravan.jar}) run as a real child process. */
public final class CaravanProcess implements AutoCloseable {
    private final Process process;
    private final Path output;

    private CaravanProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** The environment that points a packaged runtime at test database {@code databaseUrl}, with its API on {@code apiPort}. */
    public static Map<String, String> environment(String databaseUrl, int apiPort) {
        return Map.of("CARAVAN_DB_URL", databaseUrl, "CARAVAN_DB_USER", TestDatabase.user(), "CARAVAN_DB_PASSWORD", TestDatabase.password(),
                "CAMEL_SERVER_PORT", Integer.toString(apiPort), "CAMEL_MANAGEMENT_PORT", Integer.toString(FreePort.find()));
    }

    public static CaravanProcess start(Map<String, String> environment, String... args) {
        String jar = System.getProperty("caravan.it.jar", "target/caravan.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("caravan-process", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("CARAVAN_") || k.startsWith("CAMEL_"));
            builder.environment().putAll(environment);
            return new CaravanProcess(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs to completion (at most two minutes) and returns the exit code. */
    public int waitFor() throws InterruptedException {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("caravan did not exit within two minutes:\n" + output());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM, as a container runtime or Ctrl-C would, and waits for the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("caravan did not stop within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
