package io.drvguard.bench;

import org.openjdk.jmh.annotations.OperationsPerInvocation;

/** {@link BatchBench} with 1,000 requests a batch. */
@OperationsPerInvocation(Batch1k.SIZE)
public class Batch1k extends BatchBench {
  static final int SIZE = 1_000;

  @Override
  int size() {
    return SIZE;
  }
}
