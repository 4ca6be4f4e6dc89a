package io.drvguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SpoolTest {
  private static List<Path> spoolFiles() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("drvguard-")
          && p.getFileName().toString().endsWith(".spool")).toList();
    }
  }

  @Test
  void smallTextStaysInMemoryAndLongTextGoesToAFileThatCloseDeletes() throws Exception {
    List<Path> before = spoolFiles();
    try (Spool small = new Spool(64)) {
      small.append("short");
      assertEquals(before, spoolFiles(), "nothing written to disk");
    }
    Spool big = new Spool(64);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      String piece = "line " + i + " caf\u00e9 \uD83D\uDE80\n";
      big.append(piece);
      expected.append(piece);
    }
    List<Path> during = spoolFiles();
    assertEquals(before.size() + 1, during.size(), "one file beyond the memory limit");
    assertEquals(expected.toString().getBytes(StandardCharsets.UTF_8).length, big.length(), "positions are UTF-8 bytes");
    StringWriter all = new StringWriter();
    big.copyTo(all);
    assertEquals(expected.toString(), all.toString());
    big.close();
    assertEquals(before, spoolFiles(), "the file is deleted on close");
  }

  @Test
  void rangesCopyExactlyWhatWasAppendedThenInMemoryAndOnDisk() throws Exception {
    for (int limit : new int[] {1 << 20, 16}) {
      try (Spool s = new Spool(limit)) {
        long[] a = {s.length(), 0};
        s.append("\n    <a>\u00e9\uD83D\uDE80</a>");
        a[1] = s.length();
        long[] b = {s.length(), 0};
        Writer w = s.writer();
        w.write("\n    <b/>\uD83D");
        w.write(new char[] {'x', '\uDE80', 'z'}, 1, 1); // a pair cut between two writes stays one character
        b[1] = s.length();
        StringWriter out = new StringWriter();
        s.copyTo(out, b[0], b[1]);
        s.copyTo(out, a[0], a[1]);
        assertEquals("\n    <b/>\uD83D\uDE80\n    <a>\u00e9\uD83D\uDE80</a>", out.toString(), "limit " + limit);
        assertFalse(s.isEmpty());
      }
    }
  }

  @Test
  void jsonValuesAreCopiedIntoAnIndentedDocument() throws Exception {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    try (Spool s = new Spool(8)) {
      s.append("{\"a\":1,\"b\":[true,null,\"x\\ny\"]}\n");
      s.append("{\"c\":{}}\n");
      StringWriter out = new StringWriter();
      var gen = mapper.writer().createGenerator(out);
      gen.writeStartArray();
      Spool.copyJson(s, gen);
      gen.writeEndArray();
      gen.flush();
      String whole = mapper.writeValueAsString(mapper.readTree("[{\"a\":1,\"b\":[true,null,\"x\\ny\"]},{\"c\":{}}]"));
      assertEquals(whole, out.toString());
      assertTrue(out.toString().contains("\"a\" : 1"));
    }
  }
}
