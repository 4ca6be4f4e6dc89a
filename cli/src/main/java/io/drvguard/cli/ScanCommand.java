package io.drvguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.drvguard.adapters.InputException;
import io.drvguard.source.ScannedDriver;
import io.drvguard.source.SourceScanner;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code drvguard scan DIR...}: the package manifests inferred from driver sources (DESIGN.md,
 * "Source scan"). A file that cannot be read or parsed is reported and the other drivers are still
 * scanned and printed; the exit status is then 2.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = "Infer package manifests from driver C sources: device objects, IOCTLs, IRP_MJ_CREATE handling and kernel objects, each with the file and line it came from.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every driver found was scanned",
      "2:a directory holds no driver, a file could not be read or parsed (the rest is still scanned and printed), or bad usage"
    })
final class ScanCommand implements Callable<Integer> {
  enum Format { yaml, json }

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "DIR", description = "Directory of driver sources, searched recursively.")
  List<Path> dirs;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "yaml",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
  Path output;

  @Override
  public Integer call() throws Exception {
    List<InputException> errors = new ArrayList<>();
    List<Map<String, Object>> docs = new ArrayList<>();
    SourceScanner scanner = new SourceScanner();
    for (Path dir : dirs) {
      try {
        SourceScanner.Result r = scanner.scan(dir);
        if (r.drivers().isEmpty() && r.errors().isEmpty()) {
          errors.add(new InputException(dir.toString(), "no_driver",
              "no driver sources found: no .c/.cpp file defines DriverEntry and no class implements IStiUSD"));
        }
        for (ScannedDriver d : r.drivers()) {
          docs.add(ScanDocument.of(d));
        }
        errors.addAll(r.errors());
      } catch (InputException e) {
        errors.add(e);
      }
    }
    String text;
    if (format == Format.json) {
      Map<String, Object> top = new LinkedHashMap<>();
      top.put("packages", docs);
      List<Map<String, Object>> errs = new ArrayList<>();
      for (InputException e : errors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", e.file());
        m.put("line", e.line());
        m.put("code", e.code());
        m.put("message", e.detail());
        errs.add(m);
      }
      top.put("errors", errs);
      text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(top) + "\n";
    } else {
      text = ScanYaml.render(docs);
    }
    write(text);
    PrintWriter err = spec.commandLine().getErr();
    for (InputException e : errors) {
      err.println("drvguard: " + e.getMessage());
    }
    err.flush();
    return errors.isEmpty() ? Main.OK : Main.ERROR;
  }

  private void write(String text) throws Exception {
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(text);
      out.flush();
      return;
    }
    ReportTarget t = ReportTarget.of(output, dirs);
    try {
      try {
        Files.writeString(t.partial(), text, StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        Files.deleteIfExists(t.partial());
        throw new OutputException("cannot write `" + output + "`: " + ReportTarget.reason(e), e);
      }
      t.publish();
    } finally {
      ReportTarget.settled(t.partial());
    }
  }
}
