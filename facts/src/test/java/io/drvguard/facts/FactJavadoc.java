package io.drvguard.facts;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.LinkTree;
import com.sun.source.doctree.LiteralTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.doctree.StartElementTree;
import com.sun.source.doctree.TextTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The javadoc of the fact classes, read from their sources with the JDK's compiler tree API
 * (parsing only): per class its first sentence, the {@code @param} text of each record component,
 * and per member (method, field, enum constant) its first sentence, its parameter names and its
 * place in the source, all as one-line Markdown.
 */
final class FactJavadoc {
  /** One class's documentation; a member's key is {@link #key}. */
  record ClassDoc(String summary, Map<String, String> components, Map<String, Member> members) {}

  /** A member's first sentence, its parameter names, and its index in the source. */
  record Member(String summary, List<String> parameterNames, int order) {}

  private final Map<String, ClassDoc> byClass;

  private FactJavadoc(Map<String, ClassDoc> byClass) {
    this.byClass = byClass;
  }

  /** Every class (top level and nested, by binary name) of the {@code .java} files under {@code sourceRoot}. */
  static FactJavadoc read(Path sourceRoot) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(sourceRoot)) {
      files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Map<String, ClassDoc> out = new HashMap<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      JavacTask task = (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null,
          fm.getJavaFileObjectsFromPaths(files));
      DocTrees docs = DocTrees.instance(task);
      for (CompilationUnitTree unit : task.parse()) {
        String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
        new Scanner(docs, pkg, out).scan(unit, null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FactJavadoc(out);
  }

  /** The documentation of the class of binary name {@code name}; empty when it has no source here. */
  ClassDoc of(String name) {
    return byClass.getOrDefault(name, new ClassDoc("", Map.of(), Map.of()));
  }

  /** A member's key: a field's name, or a method's name and erased simple parameter types. */
  static String key(String name, List<String> parameterTypes) {
    return name + "(" + String.join(",", parameterTypes) + ")";
  }

  private static final class Scanner extends TreePathScanner<Void, Void> {
    private final DocTrees docs;
    private final Map<String, ClassDoc> out;
    private String binaryName;
    private Map<String, Member> members;
    private int order;

    Scanner(DocTrees docs, String pkg, Map<String, ClassDoc> out) {
      this.docs = docs;
      this.out = out;
      this.binaryName = pkg;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      String outerName = binaryName;
      Map<String, Member> outerMembers = members;
      binaryName = members == null ? (outerName.isEmpty() ? "" : outerName + ".") + tree.getSimpleName()
          : outerName + "$" + tree.getSimpleName();
      members = new LinkedHashMap<>();
      DocCommentTree doc = docs.getDocCommentTree(getCurrentPath());
      Map<String, String> components = new LinkedHashMap<>();
      if (doc != null) {
        for (DocTree tag : doc.getBlockTags()) {
          if (tag instanceof ParamTree p && !p.isTypeParameter()) {
            components.put(p.getName().getName().toString(), firstSentence(p.getDescription()));
          }
        }
      }
      out.put(binaryName, new ClassDoc(doc == null ? "" : firstSentence(doc.getFullBody()), components, members));
      super.visitClass(tree, unused);
      binaryName = outerName;
      members = outerMembers;
      return null;
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
      List<String> types = tree.getParameters().stream().map(p -> erasure(p.getType().toString())).toList();
      List<String> names = tree.getParameters().stream().map(p -> p.getName().toString()).toList();
      members.put(key(tree.getName().toString(), types), new Member(summary(), names, order++));
      return null;
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      members.put(tree.getName().toString(), new Member(summary(), List.of(), order++));
      return null;
    }

    private String summary() {
      DocCommentTree doc = docs.getDocCommentTree(getCurrentPath());
      return doc == null ? "" : firstSentence(doc.getFullBody());
    }
  }

  /** {@code List<String>} → {@code List}, {@code a.b.Sid...} → {@code Sid[]}: what reflection's simple names give. */
  static String erasure(String type) {
    StringBuilder sb = new StringBuilder();
    int depth = 0;
    for (char c : type.toCharArray()) {
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth--;
      } else if (depth == 0) {
        sb.append(c);
      }
    }
    String t = sb.toString().trim().replace("...", "[]");
    if (t.startsWith("@")) {
      t = t.substring(t.lastIndexOf(' ') + 1);
    }
    return t.substring(t.lastIndexOf('.', t.endsWith("[]") ? t.length() - 3 : t.length()) + 1);
  }

  /**
   * The first sentence of {@code body} as one line of Markdown: up to the first block element or
   * the first period followed by a capital (not that of "e.g." or "i.e."), a final colon made a period.
   */
  static String firstSentence(List<? extends DocTree> body) {
    String all = text(body);
    int block = all.indexOf(BLOCK);
    String first = (block < 0 ? all : all.substring(0, block)).replaceAll("\\s+", " ").trim();
    Matcher end = SENTENCE_END.matcher(first);
    if (end.find()) {
      first = first.substring(0, end.start() + 1);
    }
    return (first.endsWith(":") ? first.substring(0, first.length() - 1) + "." : first).replace("|", "\\|");
  }

  private static final char BLOCK = '\u0000';
  private static final Pattern SENTENCE_END = Pattern.compile("(?<!\\be\\.g|\\bi\\.e)\\.(?=\\s+[A-Z`])");
  private static final Set<String> BLOCK_ELEMENTS =
      Set.of("p", "ul", "ol", "li", "pre", "table", "dl", "dt", "dd", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6");

  /** Doc text as Markdown: code and links in backticks, inline HTML tags dropped, block ones marked {@link #BLOCK}. */
  static String text(List<? extends DocTree> trees) {
    StringBuilder sb = new StringBuilder();
    for (DocTree t : trees) {
      switch (t.getKind()) {
        case TEXT -> sb.append(((TextTree) t).getBody());
        case CODE, LITERAL -> sb.append('`').append(((LiteralTree) t).getBody().getBody()).append('`');
        case LINK, LINK_PLAIN -> {
          LinkTree link = (LinkTree) t;
          sb.append(link.getLabel().isEmpty()
              ? "`" + reference(link.getReference().getSignature()) + "`"
              : text(link.getLabel()));
        }
        case ENTITY -> sb.append(switch (t.toString()) {
          case "&lt;" -> "<";
          case "&gt;" -> ">";
          case "&amp;" -> "&";
          case "&ge;" -> "≥";
          case "&le;" -> "≤";
          default -> t.toString();
        });
        case START_ELEMENT -> {
          if (BLOCK_ELEMENTS.contains(((StartElementTree) t).getName().toString().toLowerCase(Locale.ROOT))) {
            sb.append(BLOCK);
          }
        }
        case END_ELEMENT -> { }
        default -> sb.append(t);
      }
    }
    return sb.toString();
  }

  /** {@code #found()} → {@code found()}, {@code Token#of(Sid, Sid...)} → {@code Token.of(Sid, Sid...)}. */
  private static String reference(String signature) {
    String s = signature.startsWith("#") ? signature.substring(1) : signature.replace('#', '.');
    return Stream.of(s.split("\\s*,\\s*")).collect(Collectors.joining(", "));
  }
}
