package io.drvguard.cli;

import io.drvguard.library.Note;
import io.drvguard.adapters.InputException;
import io.drvguard.facts.model.Violation;
import java.util.List;

/**
 * A report being written in one format while the command still runs: findings and decisions are
 * handed over as they are made, in any interleaving, and the format puts each where it belongs,
 * writing at once what it can and spooling ({@link Spool}) what it must place after something yet
 * to come. Nothing per finding or decision is kept in memory.
 */
interface ReportStream extends AutoCloseable {
  /** A finding of the package being reported. */
  void finding(Violation v);

  /** The package being reported has no more findings; the next finding starts another package. */
  void endPackage(String packageName);

  void decision(DecisionRecord d);

  /**
   * Writes what is left: spooled parts, inputs that could not be read, notes and the summary.
   * Nothing may be handed over after this.
   */
  void finish(Tally tally, List<InputException> errors, List<Note> notes);

  /** Releases spool files, whether or not the report was finished. */
  @Override
  void close();
}
