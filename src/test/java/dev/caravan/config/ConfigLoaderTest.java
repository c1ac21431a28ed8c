package dev.caravan.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.model.AuthSpec;
import dev.caravan.model.CaravanConfig;
import dev.caravan.model.HttpConnection;
import dev.caravan.model.HttpSourceSpec;
import dev.caravan.model.IncrementalSpec;
import dev.caravan.model.PaginationSpec;
import dev.caravan.model.PostgresConnection;
import dev.caravan.model.StepSpec;
import dev.caravan.model.TableDestination;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigLoaderTest {

    @Test
    void loadsTheBaseConfigurationIntoTheModel() {
        CaravanConfig config = new ConfigLoader(ConfigCorpus.NO_ENVIRONMENT).load(ConfigCorpus.BASE);

        assertThat(config.connections()).hasSize(2);
        assertThat(config.syncs()).extracting(s -> s.id()).containsExactly("contacts-to-crm", "crm-accounts", "crm-contacts");
        HttpSourceSpec source = (HttpSourceSpec) config.sync("crm-contacts").orElseThrow().source();
        assertThat(source.pagination().type()).isEqualTo(PaginationSpec.PaginationType.PAGE);
        assertThat(source.incremental().lookback().duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(source.incremental().format()).isEqualTo(IncrementalSpec.CursorFormat.ISO8601);
        assertThat(source.params()).containsEntry("sort", "updated_at");
        assertThat(config.sync("crm-contacts").orElseThrow().schedule().every().toMillis()).isEqualTo(15_000);
        TableDestination accounts = (TableDestination) config.sync("crm-accounts").orElseThrow().destination();
        assertThat(accounts.mode()).as("default mode").isEqualTo(TableDestination.TableMode.UPSERT);
        assertThat(((HttpSourceSpec) config.sync("crm-accounts").orElseThrow().source()).pagination())
                .as("default pagination").isEqualTo(PaginationSpec.NONE);
        assertThat(config.sequence("crm-hierarchy").orElseThrow().steps()).extracting(StepSpec::terminate)
                .containsExactly(StepSpec.TerminatePolicy.FATAL_OR_REJECTED, StepSpec.TerminatePolicy.FATAL, StepSpec.TerminatePolicy.NEVER);
        assertThat(((PostgresConnection) config.connection("warehouse").orElseThrow()).isRuntimeDatabase()).isTrue();
    }

    @Test
    void substitutesEnvironmentVariablesAndDefaults() {
        EnvironmentResolver environment = new EnvironmentResolver(Map.of("CRM_URL", "https://crm.example.com/v2", "CRM_TOKEN", "s3cr3t")::get);

        HttpConnection crm = (HttpConnection) new ConfigLoader(environment).load(ConfigCorpus.BASE).connection("crm").orElseThrow();

        assertThat(crm.baseUrl()).isEqualTo("https://crm.example.com/v2");
        assertThat(crm.auth().type()).isEqualTo(AuthSpec.AuthType.BEARER);
        assertThat(crm.auth().token().reveal()).isEqualTo("s3cr3t");
        assertThat(crm.rateLimit().permitsPerSecond()).isEqualTo(3.0);
    }

    @Test
    void secretsAreMaskedInEveryRendering() throws Exception {
        EnvironmentResolver environment = new EnvironmentResolver(Map.of("CRM_TOKEN", "s3cr3t")::get);
        HttpConnection crm = (HttpConnection) new ConfigLoader(environment).load(ConfigCorpus.BASE).connection("crm").orElseThrow();

        assertThat(crm.toString()).doesNotContain("s3cr3t").contains("****");
        assertThat(new ObjectMapper().writeValueAsString(crm)).doesNotContain("s3cr3t").contains("\"token\":\"****\"");
    }

    @Test
    void reportsProblemsFromEveryBrokenFileAtOnce(@TempDir Path temp) throws Exception {
        Path config = ConfigCorpus.withOverlay(ConfigCorpus.INVALID.resolve("unknown-key-typo"), temp);
        ConfigCorpus.copy(ConfigCorpus.INVALID.resolve("sequence-cycle"), config);
        ConfigCorpus.copy(ConfigCorpus.INVALID.resolve("secret-written-inline"), config);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(ConfigCorpus.NO_ENVIRONMENT).load(config));

        assertThat(e.problems()).extracting(ConfigProblem::file).map(f -> f.replace(config + "/", ""))
                .containsExactly("connections/extra.yaml", "sequences/extra.yaml", "syncs/crm-accounts.yaml");
        assertThat(e.getMessage()).startsWith("3 configuration problem(s):");
    }

    @Test
    void aMissingFolderIsAProblemNotACrash(@TempDir Path temp) {
        assertThatThrownBy(() -> new ConfigLoader(ConfigCorpus.NO_ENVIRONMENT).load(temp.resolve("nope")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("configuration folder not found");
    }

    @Test
    void anEmptyFolderIsAValidEmptyConfiguration(@TempDir Path temp) throws Exception {
        Files.createDirectories(temp.resolve("syncs"));
        CaravanConfig config = new ConfigLoader(ConfigCorpus.NO_ENVIRONMENT).load(temp);
        assertThat(config.syncs()).isEmpty();
    }

    @Test
    void theQuickstartConfigurationIsValid() {
        CaravanConfig config = new ConfigLoader(ConfigCorpus.NO_ENVIRONMENT).load(Path.of("config"));
        assertThat(config.syncs()).isNotEmpty();
    }
}
