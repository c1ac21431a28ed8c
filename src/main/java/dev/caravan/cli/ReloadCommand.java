package dev.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code caravan reload}: the running runtime reads {@code config/} again. An invalid configuration
 * changes nothing, and every problem is printed (exit 2).
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Make the running runtime reload its configuration folder without a restart; only what changed is replaced.")
public final class ReloadCommand implements Callable<Integer> {
    private static final int UNPROCESSABLE = 422;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() throws InterruptedException {
        ApiClient client = api.client();
        Optional<JsonNode> result = client.post("/api/config/reload");
        if (result.isEmpty()) {
            return client.lastStatus() == UNPROCESSABLE ? ExitCodes.INVALID_CONFIGURATION : ExitCodes.RUNTIME_FAILURE;
        }
        if (api.json) {
            System.out.println(result.get().toPrettyString());
            return ExitCodes.OK;
        }
        JsonNode body = result.get();
        System.out.println("Reload " + body.path("reloadId").asText() + ": " + body.path("status").asText());
        for (String list : new String[] {"added", "changed", "removed", "routesReplaced"}) {
            if (!body.path(list).isEmpty()) {
                System.out.println("  " + list + ": " + String.join(", ", Text.strings(body.path(list))));
            }
        }
        return ExitCodes.OK;
    }
}
