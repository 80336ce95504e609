package org.seedplan.verify.needles;

import java.util.List;

/**
 * What the needle finder saw on one scan: the needles, and the number of bright objects too short
 * to be needles (seeds already implanted, clips), with notes for the physicist.
 */
public record NeedleFinding(List<FoundNeedle> needles, int shortMetalObjects, List<String> notes, double seconds) {

    public NeedleFinding {
        needles = List.copyOf(needles);
        notes = List.copyOf(notes);
    }
}
