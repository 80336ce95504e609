package org.seedplan.planning.optimiser;

/**
 * A set of dose sample points that share one role in the objective: a target (with its
 * prescription), the normal-tissue shell around the targets, or an organ at risk (with its limit).
 *
 * @param index       position of the target in the intent's targets, or of the organ in its organs; −1 for the shell
 * @param referenceGy prescription (target, shell) or limit dose (organ), Gy
 * @param pointVolumeCc volume each sample point stands for, cc
 */
public record SampleGroup(Kind kind, String structure, int index, double referenceGy, int from, int to, double pointVolumeCc) {

    /** The role of a group of sample points. */
    public enum Kind { TARGET, SHELL, ORGAN }

    public int size() {
        return to - from;
    }
}
