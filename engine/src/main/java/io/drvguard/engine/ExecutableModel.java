package io.drvguard.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.drools.model.Model;

/**
 * Rules compiled to Drools' executable model: the generated {@link Model} classes, and the class
 * loader that defines them. A rule base is made straight from models (KieBaseBuilder), which
 * skips the KieContainer machinery and its kmodule.xml parsing, a quarter second of a cold start.
 * Public for {@link DrlCompiler}s, which give the models they compiled.
 */
public record ExecutableModel(List<Model> models, ClassLoader loader) {
  private static final String VERSION_LINE = "Drools-Model-Version:";

  public ExecutableModel {
    models = List.copyOf(models);
  }

  /** The models listed in the {@code drools-model} file at {@code listing}, loaded by {@code loader}. */
  public static ExecutableModel load(ClassLoader loader, URL listing) {
    List<Model> models = new ArrayList<>();
    for (String name : classNames(listing)) {
      try {
        models.add((Model) Class.forName(name, true, loader).getDeclaredConstructor().newInstance());
      } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
        throw new IllegalStateException("the rule model `" + name + "` cannot be loaded: " + e, e);
      }
    }
    return new ExecutableModel(models, loader);
  }

  /** These models followed by {@code more}'s, defined by {@code more}'s loader (a child of this one's). */
  ExecutableModel plus(ExecutableModel more) {
    List<Model> all = new ArrayList<>(models);
    all.addAll(more.models);
    return new ExecutableModel(all, more.loader);
  }

  private static List<String> classNames(URL listing) {
    try (InputStream in = listing.openStream()) {
      List<String> names = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
        String s = line.trim();
        if (!s.isEmpty() && !s.startsWith(VERSION_LINE)) {
          names.add(s);
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + listing, e);
    }
  }
}
