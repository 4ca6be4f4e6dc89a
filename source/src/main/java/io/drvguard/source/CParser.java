package io.drvguard.source;

import io.drvguard.adapters.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterC;

/**
 * Reads and parses C sources with tree-sitter's C grammar, which recovers from what it does not
 * know (SAL annotations, unknown macros, C++ constructs) by marking the smallest broken region.
 * Only a file that is not text, or of which no top-level construct parses, is an input error.
 * One instance per thread: the native parser is not thread-safe.
 */
final class CParser {
  /** A file larger than this is not hand-written driver code; refusing it bounds memory and time. */
  static final long MAX_BYTES = 8L << 20;
  private static final long TIMEOUT_MICROS = 20_000_000L;

  private final TSParser parser = new TSParser();

  CParser() {
    parser.setLanguage(new TreeSitterC());
    parser.setTimeoutMicros(TIMEOUT_MICROS);
  }

  CFile parse(Path file, String rel) throws InputException {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new InputException(file.toString(), "source_too_large",
            "larger than " + (MAX_BYTES >> 20) + " MiB; not read as driver source");
      }
      bytes = Files.readAllBytes(file);
    } catch (AccessDeniedException e) {
      throw new InputException(file.toString(), "file_unreadable", "permission denied");
    } catch (IOException e) {
      throw new InputException(file.toString(), "file_unreadable", String.valueOf(e.getMessage()));
    }
    String text = decode(file, bytes);
    return parse(file, rel, text);
  }

  CFile parse(Path file, String rel, String text) throws InputException {
    return parse(file, rel, text, 0);
  }

  /** Parses {@code text}, a part of {@code file} starting after {@code lineOffset} lines. */
  CFile parse(Path file, String rel, String text, int lineOffset) throws InputException {
    TSTree tree = parser.parseString(null, text);
    if (tree == null) {
      parser.reset();
      throw new InputException(file.toString(), "source_unparsable",
          "tree-sitter gave up on this file (time limit of " + TIMEOUT_MICROS / 1_000_000 + " s)");
    }
    CFile c = new CFile(file, rel, text, tree, lineOffset);
    TSNode root = tree.getRootNode();
    if (root.hasError() && !c.anyConstruct()) {
      TSNode first = firstError(root);
      throw new InputException(file.toString(), first == null ? 0 : CFile.line(first),
          first == null ? 0 : first.getStartPoint().getColumn() + 1, "source_unparsable",
          "not C: tree-sitter found no declaration, definition or directive it could parse");
    }
    return c;
  }

  private static TSNode firstError(TSNode n) {
    if (n.isError() || n.isMissing()) {
      return n;
    }
    for (int i = 0; i < n.getChildCount(); i++) {
      TSNode e = firstError(n.getChild(i));
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  /**
   * Source text as a Windows editor may have saved it: UTF-8 (with or without BOM), UTF-16 with a
   * BOM, else the ANSI code page (windows-1252) that Visual Studio falls back to.
   */
  static String decode(Path file, byte[] b) throws InputException {
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
    }
    int start = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
    for (int i = start; i < b.length; i++) {
      if (b[i] == 0) {
        throw new InputException(file.toString(), 0, 0, "source_unparsable",
            "not a text file: NUL byte at offset " + i + " (UTF-16 source needs a byte order mark)");
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, start, b.length - start))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(b, Charset.forName("windows-1252"));
    }
  }
}
