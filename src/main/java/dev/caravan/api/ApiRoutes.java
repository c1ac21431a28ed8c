package dev.caravan.api;

import dev.caravan.config.CaravanProperty;
import dev.caravan.model.LiveConfig;
import dev.caravan.runtime.RemovalApprovals;
import dev.caravan.runtime.RuntimeSettings;
import dev.caravan.runtime.SyncRunner;
import dev.caravan.runtime.WebhookPolls;
import dev.caravan.runtime.reload.ConfigReloader;
import dev.caravan.state.jdbc.JdbcConfigReloads;
import dev.caravan.runtime.SyncStatusService;
import dev.caravan.runtime.activation.ActivationEngine;
import dev.caravan.runtime.sequence.SequenceRunner;
import dev.caravan.runtime.sequence.SequenceSwitches;
import dev.caravan.state.SequenceHistory;
import dev.caravan.state.RunHistory;
import dev.caravan.state.jdbc.JdbcRejectedRows;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

/**
 * The HTTP API under {@code /api} on platform-http. Health is open; every other call passes the
 * token check. Failures answer in the JSON error shape, never with a stack trace.
 */
public final class ApiRoutes extends RouteBuilder {
    private final LiveConfig config;
    private final RuntimeSettings settings;
    private final boolean embeddedDatabase;
    private final SyncEndpoints syncs;
    private final RunEndpoints runs;
    private final SequenceEndpoints sequences;
    private final DbtCloudWebhook dbtCloud;
    private final SyncWebhook syncWebhook;
    private final ConfigEndpoints configEndpoints;

    /** What the endpoints read and drive. */
    public record Services(SyncStatusService statuses, SyncRunner runner, RunHistory history, JdbcRejectedRows rejections,
                           ActivationEngine activations, SequenceRunner sequenceRunner, SequenceHistory sequenceHistory,
                           SequenceSwitches switches, WebhookPolls webhookPolls, ConfigReloader reloader, JdbcConfigReloads reloads,
                           RemovalApprovals approvals) {
    }

    public ApiRoutes(LiveConfig config, RuntimeSettings settings, boolean embeddedDatabase, Services services) {
        this.config = config;
        this.settings = settings;
        this.embeddedDatabase = embeddedDatabase;
        this.syncs = new SyncEndpoints(config, services.statuses(), services.runner(), services.activations(), services.approvals());
        this.runs = new RunEndpoints(services.history(), services.rejections());
        this.sequences = new SequenceEndpoints(config, services.sequenceRunner(), services.sequenceHistory(), services.switches());
        this.dbtCloud = new DbtCloudWebhook(config, services.sequenceRunner(), settings.find(CaravanProperty.DBT_CLOUD_WEBHOOK_SECRET));
        this.syncWebhook = new SyncWebhook(config, services.webhookPolls());
        this.configEndpoints = new ConfigEndpoints(services.reloader(), services.reloads());
    }

    @Override
    public void configure() {
        onException(Exception.class)
                .handled(true)
                .log(org.apache.camel.LoggingLevel.ERROR, "API call ${header.CamelHttpUri} failed: ${exception.message}")
                .process(e -> JsonResponses.error(e, 500, "internal", "the request failed; see the runtime log"));

        from("platform-http:/api/health?httpMethodRestrict=GET").routeId("api.health")
                .process(new HealthEndpoint());

        ApiTokenCheck tokenCheck = new ApiTokenCheck(settings.find(CaravanProperty.API_TOKEN));
        secured(tokenCheck, "GET", "/api/info", "api.info", new InfoEndpoint(config, embeddedDatabase));
        secured(tokenCheck, "GET", "/api/openapi.json", "api.openapi", new OpenApiDocument());
        secured(tokenCheck, "GET", "/api/syncs", "api.syncs.list", syncs::list);
        secured(tokenCheck, "GET", "/api/syncs/{id}", "api.syncs.detail", syncs::detail);
        secured(tokenCheck, "POST", "/api/syncs/{id}/runs", "api.syncs.trigger", syncs::trigger);
        secured(tokenCheck, "POST", "/api/syncs/{id}/dry-run", "api.syncs.dry-run", syncs::dryRun);
        secured(tokenCheck, "POST", "/api/syncs/{id}/backfill", "api.syncs.backfill", syncs::backfill);
        secured(tokenCheck, "POST", "/api/syncs/{id}/pause", "api.syncs.pause", syncs::pause);
        secured(tokenCheck, "POST", "/api/syncs/{id}/resume", "api.syncs.resume", syncs::resume);
        secured(tokenCheck, "POST", "/api/syncs/{id}/removals/approve", "api.syncs.removals.approve", syncs::approveRemovals);
        secured(tokenCheck, "POST", "/api/syncs/{id}/removals/reject", "api.syncs.removals.reject", syncs::rejectRemovals);
        secured(tokenCheck, "GET", "/api/connections", "api.connections", exchange -> JsonResponses.write(exchange, 200, config.current().connections()));
        secured(tokenCheck, "GET", "/api/runs/{runId}", "api.runs.detail", runs::detail);
        secured(tokenCheck, "GET", "/api/runs/{runId}/rejections", "api.runs.rejections", runs::rejections);
        secured(tokenCheck, "GET", "/api/sequences", "api.sequences.list", sequences::list);
        secured(tokenCheck, "GET", "/api/sequences/{id}", "api.sequences.detail", sequences::detail);
        secured(tokenCheck, "PATCH", "/api/sequences/{id}", "api.sequences.patch", sequences::patch);
        secured(tokenCheck, "POST", "/api/sequences/{id}/runs", "api.sequences.trigger", sequences::trigger);
        secured(tokenCheck, "GET", "/api/sequences/{id}/runs", "api.sequences.runs", sequences::runs);
        secured(tokenCheck, "GET", "/api/sequence-runs/{runId}", "api.sequence-runs.detail", sequences::run);
        secured(tokenCheck, "POST", "/api/sequence-runs/{runId}/cancel", "api.sequence-runs.cancel", sequences::cancel);
        secured(tokenCheck, "POST", "/api/config/reload", "api.config.reload", configEndpoints::reload);
        secured(tokenCheck, "GET", "/api/config/reloads", "api.config.reloads", configEndpoints::reloads);

        // Signed by dbt Cloud, not by the API token.
        from("platform-http:/api/webhooks/dbt-cloud?httpMethodRestrict=POST").routeId("api.webhooks.dbt-cloud")
                .process(dbtCloud::receive);
        // Verified with each sync's own webhook secret, not the API token.
        from("platform-http:/api/webhooks/syncs/{id}?httpMethodRestrict=POST").routeId("api.webhooks.syncs")
                .process(syncWebhook::receive);
    }

    /** A route that answers only requests carrying the API token. */
    private void secured(ApiTokenCheck tokenCheck, String method, String path, String routeId, Processor endpoint) {
        from("platform-http:" + path + "?httpMethodRestrict=" + method).routeId(routeId)
                .process(tokenCheck)
                .filter(exchangeProperty(ApiTokenCheck.AUTHENTICATED))
                .process(endpoint);
    }
}
