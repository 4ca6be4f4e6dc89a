package io.drvguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads JMH's JSON results ({@code -rf json}) and prints, as Markdown, every figure (score ± error,
 * units), the ratios of drvguard's time per decision to the plain-Java reference's and to the Cedar
 * peer's, and which of the targets are met. A missing benchmark is reported as not run.
 *
 * <p>Usage: {@code java -cp target/drvguard-bench.jar io.drvguard.bench.Report results.json...} (several
 * result files are merged)
 */
public final class Report {
  /** One JMH result. */
  record Result(String name, String mode, int threads, double score, double error, String unit) {
    String figure() {
      return String.format(Locale.ROOT, "%s ± %s %s", num(score), Double.isNaN(error) ? "NaN" : num(error), unit);
    }
  }

  private final Map<String, Result> results = new LinkedHashMap<>();
  private final PrintStream out;

  Report(List<JsonNode> roots, PrintStream out) {
    this.out = out;
    for (JsonNode root : roots) {
      read(root);
    }
  }

  private void read(JsonNode root) {
    for (JsonNode n : root) {
      String full = n.get("benchmark").asText();
      String name = full.startsWith("io.drvguard.bench.") ? full.substring("io.drvguard.bench.".length()) : full;
      JsonNode pm = n.get("primaryMetric");
      results.put(name, new Result(name, n.get("mode").asText(), n.get("threads").asInt(),
          pm.get("score").asDouble(), pm.get("scoreError").asDouble(Double.NaN), pm.get("scoreUnit").asText()));
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: Report JMH-RESULT.json...");
      System.exit(2);
    }
    List<JsonNode> roots = new ArrayList<>();
    for (String a : args) {
      roots.add(new ObjectMapper().readTree(Files.readString(Path.of(a))));
    }
    new Report(roots, System.out).print();
  }

  void print() {
    out.println("| benchmark | mode | threads | score ± error | units |");
    out.println("|---|---|---:|---:|---|");
    for (Result r : results.values()) {
      out.printf(Locale.ROOT, "| %s | %s | %d | %s ± %s | %s |%n", r.name, r.mode, r.threads, num(r.score),
          Double.isNaN(r.error) ? "NaN" : num(r.error), r.unit);
    }
    out.println();
    out.println("Ratios: drvguard's time per decision ÷ the other's (throughput⁻¹); above 1 = drvguard is slower.");
    out.println();
    out.println("| measurement | drvguard | reference | drvguard/reference | Cedar peer | drvguard/Cedar |");
    out.println("|---|---:|---:|---:|---:|---:|");
    ratioRow("decide() open, 1 thread", "Decide1Thread.drvguardOpen", "Decide1Thread.referenceOpen", "Decide1Thread.cedarOpen");
    ratioRow("decide() IOCTL, 1 thread", "Decide1Thread.drvguardIoctl", "Decide1Thread.referenceIoctl", "Decide1Thread.cedarIoctl");
    ratioRow("decide() open, 2 threads", "Decide2Threads.drvguardOpen", "Decide2Threads.referenceOpen", "Decide2Threads.cedarOpen");
    ratioRow("decide() IOCTL, 2 threads", "Decide2Threads.drvguardIoctl", "Decide2Threads.referenceIoctl", "Decide2Threads.cedarIoctl");
    ratioRow("decideAll(1,000), 1 thread", "Batch1k.drvguardDecideAll", "Batch1k.referenceLoop", "Batch1k.cedarLoop");
    ratioRow("decideAll(100,000), 1 thread", "Batch100k.drvguardDecideAll", "Batch100k.referenceLoop", "Batch100k.cedarLoop");
    out.println();
    Result tree = results.get("CheckBench.corpusTree");
    Result inf = results.get("CheckBench.corpusInf");
    if (inf != null) {
      out.printf(Locale.ROOT, "Corpus: %s INF files per second (one INF per operation)%s.%n", num(inf.score),
          tree == null ? "" : String.format(Locale.ROOT, "; the whole tree in %s %s", num(tree.score), tree.unit));
      out.println();
    }
    out.println("| target | figure | met? |");
    out.println("|---|---|---|");
    List<String[]> rows = new ArrayList<>();
    for (String kind : new String[] {"Open", "Ioctl"}) {
      String label = kind.equals("Open") ? "open" : "IOCTL";
      Result d = results.get("Decide1Thread.drvguard" + kind);
      Result ref = results.get("Decide1Thread.reference" + kind);
      rows.add(target("decide() " + label + ", one request per call, 1 thread ≥ 1,000,000 decisions/s",
          d == null ? null : num(d.score) + " decisions/s", d == null ? null : d.score >= 1_000_000));
      Double ratio = ratio(d, ref);
      rows.add(target("decide() " + label + " ≤ 20× the reference's time",
          ratio == null ? null : ratioText(ratio), ratio == null ? null : ratio <= 20));
    }
    for (String b : new String[] {"Batch1k", "Batch100k"}) {
      String label = b.equals("Batch1k") ? "decideAll(1,000)" : "decideAll(100,000)";
      Result d = results.get(b + ".drvguardDecideAll");
      Result ref = results.get(b + ".referenceLoop");
      Result cedar = results.get(b + ".cedarLoop");
      rows.add(target(label + ", 1 thread ≥ 4,000,000 decisions/s",
          d == null ? null : num(d.score) + " decisions/s", d == null ? null : d.score >= 4_000_000));
      Double ratio = ratio(d, ref);
      rows.add(target(label + " ≤ 8× the reference's time",
          ratio == null ? null : ratioText(ratio), ratio == null ? null : ratio <= 8));
      rows.add(target(label + " ahead of the Cedar peer",
          d == null || cedar == null ? null : num(d.score) + " vs " + num(cedar.score) + " decisions/s",
          d == null || cedar == null ? null : d.score > cedar.score));
    }
    for (String[] r : rows) {
      out.printf("| %s | %s | %s |%n", r[0], r[1], r[2]);
    }
  }

  private void ratioRow(String label, String drv, String ref, String peer) {
    Result d = results.get(drv);
    Result r = results.get(ref);
    Result p = results.get(peer);
    out.printf("| %s | %s | %s | %s | %s | %s |%n", label, d == null ? "not run" : d.figure(),
        r == null ? "not run" : r.figure(), ratio(d, r) == null ? "–" : ratioText(ratio(d, r)),
        p == null ? "not run" : p.figure(), ratio(d, p) == null ? "–" : ratioText(ratio(d, p)));
  }

  /** drvguard's time per operation ÷ the other's, from two throughputs. */
  private static Double ratio(Result drvguard, Result other) {
    if (drvguard == null || other == null || drvguard.score <= 0) {
      return null;
    }
    return other.score / drvguard.score;
  }

  private static String ratioText(double r) {
    return String.format(Locale.ROOT, r >= 10 ? "%.0f×" : r >= 1 ? "%.1f×" : "%.3f×", r);
  }

  private static String[] target(String what, String figure, Boolean met) {
    return new String[] {what, figure == null ? "not run" : figure, met == null ? "not run" : met ? "**met**" : "not met"};
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    double a = Math.abs(v);
    String f = a >= 1000 ? "%,.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, f, v);
  }
}
