package org.seedplan.planning;

import org.seedplan.dvh.Dvh;

/** A structure of the plan with its role (target, organ, other) and its dose-volume histogram. */
public record StructureDose(String name, String role, Dvh dvh) {
}
