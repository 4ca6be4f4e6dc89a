package io.drvguard.bench;

import org.openjdk.jmh.annotations.OperationsPerInvocation;

/** {@link BatchBench} with 100,000 requests a batch. */
@OperationsPerInvocation(Batch100k.SIZE)
public class Batch100k extends BatchBench {
  static final int SIZE = 100_000;

  @Override
  int size() {
    return SIZE;
  }
}
