// Parses Prometheus text exposition from stdin with parse-prometheus-text-format and prints the
// metric families as JSON, for MetricsIT. Exits 1 when the text does not parse.
import parse from 'parse-prometheus-text-format';

let text = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) text += chunk;
try {
  process.stdout.write(JSON.stringify(parse(text)));
} catch (e) {
  console.error('not valid Prometheus text format: ' + e.message);
  process.exit(1);
}
