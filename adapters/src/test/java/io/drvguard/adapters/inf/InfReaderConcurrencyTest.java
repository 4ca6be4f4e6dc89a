package io.drvguard.adapters.inf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drvguard.facts.inf.InfRegistryValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One reader shared by several threads reads every corpus file exactly as a single thread does. */
class InfReaderConcurrencyTest {
  record Result(String file, String outcome, List<InfSection> sections, List<InfDiagnostic> diagnostics, List<InfRegistryValue> values) {}

  private static Result readOne(InfReader reader, String file, byte[] bytes) {
    try {
      InfFile inf = reader.read(file, bytes);
      return new Result(file, inf.encoding() + " " + inf.strings(), inf.sections(), inf.diagnostics(), AddRegResolver.resolve(inf, file));
    } catch (InfException e) {
      return new Result(file, e.getMessage(), List.of(), List.of(), List.of());
    }
  }

  @Test
  void sharedReaderGivesTheSameResultsOnEightThreads() throws Exception {
    List<String> names = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    for (String d : List.of("inf", "inf_checkout", "inf_history")) {
      Path dir = InfCorpus.require("wds/" + d);
      for (Path p : InfCorpus.files(dir)) {
        names.add(d + "/" + InfCorpus.rel(dir, p));
        contents.add(Files.readAllBytes(p));
      }
    }
    assertEquals(138 + 138 + 2, names.size());
    InfReader shared = new InfReader();
    List<Result> expected = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      expected.add(readOne(new InfReader(), names.get(i), contents.get(i)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        for (int i = 0; i < names.size(); i++) {
          int k = i;
          Callable<Result> task = () -> readOne(shared, names.get(k), contents.get(k));
          futures.add(pool.submit(task));
        }
      }
      for (int j = 0; j < futures.size(); j++) {
        assertEquals(expected.get(j % names.size()), futures.get(j).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
