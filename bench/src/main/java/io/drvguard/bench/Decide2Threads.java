package io.drvguard.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link DecideBench} on two threads (the machine's two cores), sharing one engine. */
@Threads(2)
public class Decide2Threads extends DecideBench {}
