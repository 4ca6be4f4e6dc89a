package io.drvguard.engine;

import java.util.List;
import java.util.ServiceLoader;
import org.kie.api.KieBase;

/**
 * Compiles DRL given at run time: an author's rule folder, or the bundled rules when their
 * precompiled model is not on the classpath. The compiler and its stack (the Drools DRL parser,
 * javac-in-process, MVEL, ANTLR, JavaParser) live in the {@value #ARTIFACT} artifact, found through
 * {@link ServiceLoader}, so that an application that only runs the bundled rules does without it.
 */
public interface DrlCompiler {
  /** The artifact that provides the compiler. */
  String ARTIFACT = "io.drvguard:drvguard-drl";

  /** What compiling gives: the executable model, or, for DRL it does not support, a classic rule base. */
  record Compiled(ExecutableModel model, KieBase classic) {}

  /** Compiles {@code sources}; fails, with file and line, on DRL that does not compile. */
  Compiled compile(List<RuleSource> sources) throws RuleBaseException;

  /**
   * The compiler on the classpath; without one, an error naming the first of {@code sources} and
   * the artifact to add, rather than a NoClassDefFoundError from deep inside Drools.
   */
  static DrlCompiler installed(List<RuleSource> sources) throws RuleBaseException {
    for (DrlCompiler c : ServiceLoader.load(DrlCompiler.class, DrlCompiler.class.getClassLoader())) {
      return c;
    }
    String first = sources.isEmpty() ? "<rules>" : sources.get(0).name();
    throw new RuleBaseException(List.of(new RuleBaseException.Problem(first, 0, 0, "drl_compiler_missing",
        "compiling DRL at run time needs `" + ARTIFACT + "` on the classpath; without it only the bundled,"
        + " precompiled rules run")));
  }
}
