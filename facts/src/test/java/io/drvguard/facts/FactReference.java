package io.drvguard.facts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Generates the fact reference of {@code docs/authoring.md} from the code: the types an author can
 * match or navigate to, and each one's public members (record components, methods, constants) with
 * type and one-line meaning from the javadoc. The types are found, not listed: every drvguard class a
 * bundled DRL file imports, every type of the request package, and every drvguard type their public
 * members give or take, transitively. {@link FactReferenceTest} fails when the guide's block differs;
 * {@link #main} (or the test with {@code -Ddrvguard.writeFactReference=true}) rewrites it.
 */
public final class FactReference {
  /** The command that rewrites the block, run from the checkout. */
  static final String REGENERATE =
      "mvn -o -q -B -pl facts test -Dtest=FactReferenceTest -Ddrvguard.writeFactReference=true";
  static final String BEGIN = "<!-- BEGIN generated fact reference: do not edit; regenerate with `" + REGENERATE + "` -->";
  static final String END = "<!-- END generated fact reference -->";
  static final String GUIDE = "docs/authoring.md";
  private static final String RULES = "rules/src/main/resources/drvguard/rules";
  private static final String SOURCES = "facts/src/main/java";
  private static final String REQUESTS = SOURCES + "/io/drvguard/facts/request";
  private static final Pattern IMPORT =
      Pattern.compile("(?m)^\\s*import\\s+(function\\s+|static\\s+)?([A-Za-z_][\\w.$]*)\\s*;?\\s*$");

  private FactReference() {}

  /** Rewrites the block in the guide of the checkout {@code args[0]} (default: the parent directory). */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "..");
    Path guide = root.resolve(GUIDE);
    String doc = Files.readString(guide, StandardCharsets.UTF_8);
    Files.writeString(guide, withBlock(doc, generate(root)), StandardCharsets.UTF_8);
  }

  /** The block, markers included, for the checkout at {@code root}. */
  static String generate(Path root) {
    FactJavadoc docs = FactJavadoc.read(root.resolve(SOURCES));
    TreeMap<String, List<Class<?>>> byPackage = new TreeMap<>();
    for (Class<?> c : types(root)) {
      byPackage.computeIfAbsent(c.getPackageName(), p -> new ArrayList<>()).add(c);
    }
    StringBuilder sb = new StringBuilder(BEGIN).append("\n");
    byPackage.forEach((pkg, classes) -> {
      sb.append("\n### `").append(pkg).append("`\n");
      classes.stream().sorted(Comparator.comparing(FactReference::displayName))
          .forEach(c -> sb.append(section(c, docs)));
    });
    return sb.append("\n").append(END).toString();
  }

  /**
   * The types of the reference: the drvguard classes the bundled DRL files import and the request
   * package's types, then every public drvguard type one of their public members gives or takes.
   */
  static List<Class<?>> types(Path root) {
    Set<Class<?>> seeds = new LinkedHashSet<>();
    seeds.addAll(drlImports(root.resolve(RULES)));
    seeds.addAll(packageTypes(root.resolve(REQUESTS), "io.drvguard.facts.request"));
    Set<Class<?>> seen = new LinkedHashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>(seeds);
    while (!todo.isEmpty()) {
      Class<?> c = todo.pop();
      if (!seen.add(c)) {
        continue;
      }
      for (Type t : mentioned(c)) {
        for (Class<?> ref : classesIn(t)) {
          if (ref.getName().startsWith("io.drvguard.") && Modifier.isPublic(ref.getModifiers()) && !seen.contains(ref)
              && !isBuilder(ref)) {
            todo.push(ref);
          }
        }
      }
    }
    return List.copyOf(seen);
  }

  /** Every drvguard class imported by a DRL file under {@code rules}; one that does not load is an error. */
  static Set<Class<?>> drlImports(Path rules) {
    Set<Class<?>> out = new LinkedHashSet<>();
    for (Path drl : files(rules, ".drl")) {
      Matcher m = IMPORT.matcher(read(drl));
      while (m.find()) {
        String name = m.group(2);
        if (m.group(1) != null) {
          name = name.substring(0, name.lastIndexOf('.'));
        }
        if (name.startsWith("io.drvguard.")) {
          out.add(load(name, drl));
        }
      }
    }
    return out;
  }

  private static Set<Class<?>> packageTypes(Path dir, String pkg) {
    Set<Class<?>> out = new LinkedHashSet<>();
    for (Path f : files(dir, ".java")) {
      String simple = f.getFileName().toString().replace(".java", "");
      if (!simple.equals("package-info") && f.getParent().equals(dir)) {
        out.add(load(pkg + "." + simple, f));
      }
    }
    return out;
  }

  /** A class by its source name, a nested one written with dots as DRL imports it. */
  private static Class<?> load(String name, Path from) {
    String n = name;
    while (true) {
      try {
        return Class.forName(n, false, FactReference.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        int dot = n.lastIndexOf('.');
        if (dot < 0) {
          throw new IllegalStateException(from + ": cannot load `" + name + "`", e);
        }
        n = n.substring(0, dot) + "$" + n.substring(dot + 1);
      }
    }
  }

  /** The block of {@code doc} between the markers, markers included; null when it has none. */
  static String blockOf(String doc) {
    int b = doc.indexOf(BEGIN);
    int e = doc.indexOf(END);
    return b < 0 || e < b ? null : doc.substring(b, e + END.length());
  }

  /** {@code doc} with its block (found by the END marker and the start of the BEGIN comment) replaced. */
  static String withBlock(String doc, String block) {
    int b = doc.indexOf("<!-- BEGIN generated fact reference");
    int e = doc.indexOf(END);
    if (b < 0 || e < b) {
      throw new IllegalStateException(GUIDE + " has no generated fact reference block (" + END + ")");
    }
    return doc.substring(0, b) + block + doc.substring(e + END.length());
  }

  private static String section(Class<?> c, FactJavadoc docs) {
    FactJavadoc.ClassDoc doc = docs.of(c.getName());
    StringBuilder sb = new StringBuilder("\n#### `").append(displayName(c)).append("` (").append(kind(c)).append(")\n\n");
    List<String> about = new ArrayList<>();
    if (!doc.summary().isEmpty()) {
      about.add(doc.summary());
    }
    List<String> supers = Arrays.stream(c.getInterfaces())
        .filter(i -> i.getName().startsWith("io.drvguard.")).map(i -> "`" + displayName(i) + "`").toList();
    if (!supers.isEmpty()) {
      about.add("Implements " + String.join(", ", supers) + ".");
    }
    if (c.isSealed()) {
      about.add("Permits " + Arrays.stream(c.getPermittedSubclasses()).map(p -> "`" + displayName(p) + "`")
          .collect(Collectors.joining(", ")) + ".");
    }
    if (!about.isEmpty()) {
      sb.append(String.join(" ", about)).append("\n\n");
    }
    List<Row> all = rows(c, doc, docs);
    // constants without javadoc (Windows names such as FILE_DEVICE_SECURE_OPEN) say what they are: listed by type
    TreeMap<String, List<String>> plainConstants = new TreeMap<>();
    List<Row> rows = new ArrayList<>();
    for (Row r : all) {
      if (r.constant() && r.meaning().isEmpty()) {
        plainConstants.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r.member());
      } else {
        rows.add(r);
      }
    }
    plainConstants.forEach((type, names) -> sb.append("Constants (`").append(type).append("`): ")
        .append(names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "))).append(".\n\n"));
    if (rows.isEmpty()) {
      return plainConstants.isEmpty() ? sb.append("No public members.\n").toString() : sb.substring(0, sb.length() - 1);
    }
    sb.append("| member | type | meaning |\n|---|---|---|\n");
    for (Row r : rows) {
      sb.append("| `").append(r.member()).append("` | `").append(r.type()).append("` | ").append(r.meaning()).append(" |\n");
    }
    return sb.toString();
  }

  private record Row(String member, String type, String meaning, int order, boolean constant) {}

  /**
   * The first sentence of method {@code key}'s javadoc in {@code c}, else in the interfaces it
   * implements (as javadoc inherits it for an override without its own).
   */
  private static String inherited(Class<?> c, String key, FactJavadoc docs) {
    FactJavadoc.Member m = docs.of(c.getName()).members().get(key);
    if (m != null && !m.summary().isEmpty()) {
      return m.summary();
    }
    for (Class<?> i : c.getInterfaces()) {
      String found = inherited(i, key, docs);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return "";
  }

  private static List<Row> rows(Class<?> c, FactJavadoc.ClassDoc doc, FactJavadoc docs) {
    List<Row> rows = new ArrayList<>();
    Set<String> components = new LinkedHashSet<>();
    int order = -1_000_000;
    if (c.isRecord()) {
      for (RecordComponent rc : c.getRecordComponents()) {
        components.add(rc.getName());
        String meaning = doc.components().getOrDefault(rc.getName(), "");
        if (meaning.isEmpty()) {
          meaning = inherited(c, FactJavadoc.key(rc.getName(), List.of()), docs);
        }
        rows.add(new Row(rc.getName(), typeName(rc.getGenericType()), meaning, order++, false));
      }
    }
    if (c.isEnum()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.isEnumConstant()) {
          FactJavadoc.Member m = doc.members().get(f.getName());
          rows.add(new Row(displayName(c) + "." + f.getName(), displayName(c), m == null ? "" : m.summary(), order++,
              true));
        }
      }
    }
    List<Row> rest = new ArrayList<>();
    for (Field f : publicFields(c)) {
      FactJavadoc.Member m = doc.members().get(f.getName());
      rest.add(new Row(displayName(c) + "." + f.getName(), typeName(f.getGenericType()), m == null ? "" : m.summary(),
          m == null ? Integer.MAX_VALUE : m.order(), Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())));
    }
    for (Method method : publicMethods(c)) {
      if (method.getParameterCount() == 0 && components.contains(method.getName())) {
        continue;
      }
      List<String> erased = Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList();
      String key = FactJavadoc.key(method.getName(), erased);
      FactJavadoc.Member m = doc.members().get(key);
      Type[] params = method.getGenericParameterTypes();
      List<String> shown = new ArrayList<>();
      for (int i = 0; i < params.length; i++) {
        String t = typeName(params[i]);
        if (method.isVarArgs() && i == params.length - 1) {
          t = t.substring(0, t.length() - 2) + "...";
        }
        shown.add(m == null || m.parameterNames().size() != params.length ? t : t + " " + m.parameterNames().get(i));
      }
      String name = (Modifier.isStatic(method.getModifiers()) ? displayName(c) + "." : "") + method.getName();
      rest.add(new Row(name + "(" + String.join(", ", shown) + ")", typeName(method.getGenericReturnType()),
          inherited(c, key, docs), m == null ? Integer.MAX_VALUE : m.order(), false));
    }
    rest.sort(Comparator.comparingInt(Row::order).thenComparing(Row::member));
    rows.addAll(rest);
    return rows;
  }

  private static List<Field> publicFields(Class<?> c) {
    return Arrays.stream(c.getDeclaredFields())
        .filter(f -> Modifier.isPublic(f.getModifiers()) && !f.isSynthetic() && !f.isEnumConstant()).toList();
  }

  /** A request's builder: Java embedders make requests with it, rules never see one. */
  private static boolean isBuilder(Class<?> c) {
    return c.getSimpleName().equals("Builder") && c.getEnclosingClass() != null;
  }

  private static List<Method> publicMethods(Class<?> c) {
    return Arrays.stream(c.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge())
        .filter(m -> !isBuilder(m.getReturnType()))
        .filter(m -> !isObjectMethod(m) && !(c.isEnum() && isEnumMethod(m))).toList();
  }

  private static boolean isObjectMethod(Method m) {
    return switch (m.getName()) {
      case "equals" -> m.getParameterCount() == 1 && m.getParameterTypes()[0] == Object.class;
      case "hashCode", "toString" -> m.getParameterCount() == 0;
      default -> false;
    };
  }

  private static boolean isEnumMethod(Method m) {
    return m.getName().equals("values") && m.getParameterCount() == 0
        || m.getName().equals("valueOf") && m.getParameterCount() == 1 && m.getParameterTypes()[0] == String.class;
  }

  /** The types a class's public members give or take. */
  private static List<Type> mentioned(Class<?> c) {
    List<Type> out = new ArrayList<>();
    if (c.isRecord()) {
      Arrays.stream(c.getRecordComponents()).map(RecordComponent::getGenericType).forEach(out::add);
    }
    publicFields(c).forEach(f -> out.add(f.getGenericType()));
    for (Method m : publicMethods(c)) {
      out.add(m.getGenericReturnType());
      out.addAll(Arrays.asList(m.getGenericParameterTypes()));
    }
    if (c.isSealed()) {
      out.addAll(Arrays.asList(c.getPermittedSubclasses()));
    }
    return out;
  }

  private static List<Class<?>> classesIn(Type t) {
    List<Class<?>> out = new ArrayList<>();
    if (t instanceof Class<?> c) {
      out.add(c.isArray() ? c.getComponentType() : c);
    } else if (t instanceof ParameterizedType p) {
      out.addAll(classesIn(p.getRawType()));
      Arrays.stream(p.getActualTypeArguments()).map(FactReference::classesIn).forEach(out::addAll);
    } else if (t instanceof WildcardType w) {
      Stream.concat(Arrays.stream(w.getUpperBounds()), Arrays.stream(w.getLowerBounds()))
          .map(FactReference::classesIn).forEach(out::addAll);
    } else if (t instanceof GenericArrayType g) {
      out.addAll(classesIn(g.getGenericComponentType()));
    }
    return out;
  }

  static String typeName(Type t) {
    if (t instanceof Class<?> c) {
      return c.isArray() ? typeName(c.getComponentType()) + "[]" : displayName(c);
    }
    if (t instanceof ParameterizedType p) {
      return typeName(p.getRawType()) + "<"
          + Arrays.stream(p.getActualTypeArguments()).map(FactReference::typeName).collect(Collectors.joining(", ")) + ">";
    }
    if (t instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        return "? super " + typeName(w.getLowerBounds()[0]);
      }
      Type upper = w.getUpperBounds()[0];
      return upper == Object.class ? "?" : "? extends " + typeName(upper);
    }
    if (t instanceof GenericArrayType g) {
      return typeName(g.getGenericComponentType()) + "[]";
    }
    return t instanceof TypeVariable<?> v ? v.getName() : t.getTypeName();
  }

  /** {@code Outer.Inner} for a nested class, the simple name otherwise. */
  static String displayName(Class<?> c) {
    return c.getEnclosingClass() == null ? c.getSimpleName() : displayName(c.getEnclosingClass()) + "." + c.getSimpleName();
  }

  private static String kind(Class<?> c) {
    if (c.isRecord()) {
      return "record";
    }
    if (c.isEnum()) {
      return "enum";
    }
    return c.isInterface() ? "interface" : "class";
  }

  private static List<Path> files(Path dir, String suffix) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
