package io.drvguard.adapters.scenario;

import io.drvguard.facts.model.DriverPackage;
import java.util.Objects;

/** A scenario together with the package it names, read and checked against each other. */
public record LoadedScenario(Scenario scenario, DriverPackage pkg) {
  public LoadedScenario {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(pkg, "pkg");
  }
}
