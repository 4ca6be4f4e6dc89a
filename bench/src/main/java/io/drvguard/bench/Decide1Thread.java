package io.drvguard.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link DecideBench} on one thread. */
@Threads(1)
public class Decide1Thread extends DecideBench {}
