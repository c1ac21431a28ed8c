package dev.caravan.bench;

/** One benchmark line: the figure, the baseline measured in the same run, and their ratio. */
final class Report {
    private Report() {
    }

    static void line(String name, String figure, String baseline, double ratio, String target) {
        System.out.printf("%-16s %s | baseline: %s | ratio %.2f | %s%n", name, figure, baseline, ratio, target);
    }
}
