package io.drvguard.cli;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drvguard.facts.SharedCorpus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code drvguard check} over every INF of the driver samples as a Windows checkout has them
 * (UTF-16LE, CRLF). Only the two files that the checkout corrupted may fail to read, and the
 * findings are pinned per requirement so that a change in what the rules find shows up here.
 */
class InfCheckoutCorpusTest {
  @Test
  void checkOverTheWholeCheckout() throws Exception {
    Path tree = SharedCorpus.require("wds/inf_checkout");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "check", "--format", "json", tree.toString());
    assertFalse(err.toString().contains("\tat ") || err.toString().contains("internal_error"), err.toString());
    JsonNode root = new ObjectMapper().readTree(out.toString());

    List<String> errors = new ArrayList<>();
    for (JsonNode e : root.path("errors")) {
      errors.add(tree.relativize(Path.of(e.path("file").asText())).toString().replace('\\', '/')
          + " " + e.path("code").asText());
    }
    assertEquals(List.of(
        "network/netadaptercx/netvadapter/km/netvadapter.inf inf_encoding_error",
        "network/netadaptercx/netvadapter/um/netvadapterum.inf inf_encoding_error"), errors);
    assertEquals(2, code, "unreadable inputs make the exit status 2");

    Map<String, Integer> byRequirement = new TreeMap<>();
    for (JsonNode v : root.path("violations")) {
      byRequirement.merge(v.path("requirement").asText() + "/" + v.path("severity").asText(), 1, Integer::sum);
      assertFalse(v.path("location").path("file").asText().isEmpty(), v.toString());
      assertFalse(v.path("location").path("line").asInt() <= 0, v.toString());
    }
    System.out.println("inf_checkout: " + root.path("violations").size() + " findings " + byRequirement);
    assertEquals(PINNED, byRequirement);
  }

  static final Map<String, Integer> PINNED = Map.of("INF-2/error", 1, "INF-4/warning", 5);
}
