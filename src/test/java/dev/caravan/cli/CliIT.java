package dev.caravan.cli;

import dev.caravan.testing.CaravanProcess;
import dev.caravan.testing.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar's commands and exit codes, as scripts and CI see them. */
class CliIT {

    @Test
    void versionAndHelpExitZero() throws Exception {
        try (CaravanProcess version = CaravanProcess.start(Map.of(), "--version")) {
            assertThat(version.waitFor()).isZero();
            assertThat(version.output()).contains("caravan ").contains("Apache Camel 4.18");
        }
        try (CaravanProcess help = CaravanProcess.start(Map.of(), "--help")) {
            assertThat(help.waitFor()).isZero();
            assertThat(help.output()).contains("validate", "compile", "run", "Exit codes");
        }
    }

    @Test
    void syncWithoutARuntimeSaysWhereItLookedAndExitsOne() throws Exception {
        try (CaravanProcess sync = CaravanProcess.start(Map.of(), "sync", "crm-accounts", "--dry-run", "--url", "http://127.0.0.1:" + FreePort.find())) {
            assertThat(sync.waitFor()).isEqualTo(1);
            assertThat(sync.output()).contains("No Caravan runtime answers at http://127.0.0.1:");
        }
    }

    @Test
    void validateAcceptsTheQuickstartConfiguration() throws Exception {
        try (CaravanProcess validate = CaravanProcess.start(Map.of(), "validate", "--config", "config")) {
            assertThat(validate.waitFor()).isZero();
            assertThat(validate.output()).contains("config: OK (");
        }
    }

    @Test
    void validateListsEveryProblemOfSeveralBrokenFilesAndExitsTwo(@TempDir Path config) throws Exception {
        Files.createDirectories(config.resolve("connections"));
        Files.createDirectories(config.resolve("syncs"));
        Files.writeString(config.resolve("connections/crm.yaml"), "kind: connection\nid: crm\ntype: http\nbaseUrl: http://x\nauth: { type: bearer, token: plain }\n");
        Files.writeString(config.resolve("syncs/a.yaml"), "kind: sync\nid: a\nsource: { connection: crn, path: /a, primaryKey: [id] }\ndestination: { connection: crm, table: t }\n");
        Files.writeString(config.resolve("syncs/b.yaml"), "kind: sync\nid: b\nsource:\n  connection: crm\n  path: /b\n  primaryKey: [id]\n  pagnation: { type: page }\ndestination: { connection: crm, table: t }\n");

        try (CaravanProcess validate = CaravanProcess.start(Map.of(), "validate", "--config", config.toString())) {
            assertThat(validate.waitFor()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
            assertThat(validate.output()).contains(
                    config + "/connections/crm.yaml:5: auth.token: is a secret",
                    config + "/syncs/a.yaml:3: source.connection: no connection 'crn' in connections/ (did you mean 'crm'?)",
                    config + "/syncs/a.yaml:4: destination.connection: connection 'crm' is of type http",
                    config + "/syncs/b.yaml:7: source.pagnation: unknown key (did you mean 'pagination'?)",
                    "problem(s) in the configuration");
        }
    }

    @Test
    void compilePrintsYamlDslAndRunRefusesInvalidConfiguration(@TempDir Path config) throws Exception {
        try (CaravanProcess compile = CaravanProcess.start(Map.of(), "compile", "--config", "config")) {
            assertThat(compile.waitFor()).isZero();
            assertThat(compile.output()).contains("templatedRoute:", "routeId: sync.crm-contacts");
        }
        Files.writeString(config.resolve("bad.yaml"), "kind: nonsense\n");
        try (CaravanProcess run = CaravanProcess.start(Map.of(), "run", "--config", config.toString())) {
            assertThat(run.waitFor()).isEqualTo(ExitCodes.INVALID_CONFIGURATION);
            assertThat(run.output()).contains("bad.yaml:1: kind: 'nonsense' is not a kind");
        }
    }
}
