package dev.caravan.cli;

import picocli.CommandLine.Option;

/** The options every command that talks to a running runtime shares: where it is, and JSON output. */
final class ApiOptions {
    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:CARAVAN_URL:-http://127.0.0.1:8080}",
            description = "The runtime's HTTP address (default: CARAVAN_URL, else ${DEFAULT-VALUE}). The token comes from CARAVAN_API_TOKEN.")
    String url;

    @Option(names = "--json", description = "Print the API's JSON instead of text.")
    boolean json;

    ApiClient client() {
        return new ApiClient(url);
    }
}
