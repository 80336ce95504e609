package org.seedplan.dicom.rtstruct;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.seedplan.structure.Structure;

/**
 * An RT Structure Set read from a file: the file (for messages), its SOP Instance UID, Patient ID,
 * Study Instance UID, top-level Frame of Reference UID (else the first referenced one), every Frame of
 * Reference UID named inside it (Referenced Frame of Reference Sequence items and each ROI's
 * Referenced Frame of Reference UID), label, the Study and Series Instance UIDs of the images it was
 * drawn on (empty when not stated) and its ROIs in file order.
 */
public record RtStructureSet(String fileName, String sopInstanceUid, String patientId, String studyInstanceUid,
                             String frameOfReferenceUid, List<FrameReference> nestedFrames, String label,
                             String referencedStudyUid, String referencedSeriesUid, List<Roi> rois) {

    private static final Pattern NUMBER_AND_NAME = Pattern.compile("(\\d+)(?::(.*))?");

    public RtStructureSet {
        rois = List.copyOf(rois);
        nestedFrames = List.copyOf(nestedFrames);
    }

    /** The ROIs that have closed contours, as seedplan structures. */
    public List<Structure> structures() {
        return rois.stream().map(Roi::structure).flatMap(Optional::stream).toList();
    }

    /**
     * The ROI a user names: {@code "3"} (ROI Number), {@code "3:PROSTATE"} (number and name, which must
     * agree) or a name (exact, else ignoring case). A name that two ROIs share is refused, asking
     * for the number.
     */
    public Roi select(String selector) {
        Matcher m = NUMBER_AND_NAME.matcher(selector.trim());
        if (m.matches()) {
            int number = Integer.parseInt(m.group(1));
            Roi r = rois.stream().filter(x -> x.number() == number).findFirst().orElse(null);
            if (r != null && (m.group(2) == null || r.name().equalsIgnoreCase(m.group(2).trim()))) {
                return r;
            }
            if (r != null) {
                throw new IllegalArgumentException(fileName + ": ROI number " + number + " is '" + r.name() + "', not '"
                        + m.group(2) + "': give the number and name of one ROI, e.g. --roi \"" + number + ":" + r.name() + "\"");
            }
            if (m.group(2) != null || rois.stream().noneMatch(x -> x.name().equals(selector))) {
                throw new IllegalArgumentException(fileName + ": no ROI number " + number + "; it holds " + listing());
            }
        }
        List<Roi> exact = rois.stream().filter(r -> r.name().equals(selector)).toList();
        List<Roi> hits = !exact.isEmpty() ? exact
                : rois.stream().filter(r -> r.name().equalsIgnoreCase(selector)).toList();
        if (hits.isEmpty()) {
            throw new IllegalArgumentException(fileName + ": no ROI named '" + selector + "'; it holds " + listing()
                    + ": give one of these (name or number)");
        }
        if (hits.size() > 1) {
            throw new IllegalArgumentException(fileName + ": " + hits.size() + " ROIs are named '" + selector + "' (numbers "
                    + hits.stream().map(r -> String.valueOf(r.number())).collect(Collectors.joining(", "))
                    + "): choose one by number, e.g. --roi " + hits.get(0).number() + " or --roi \"" + hits.get(0).number() + ":"
                    + hits.get(0).name() + "\"");
        }
        return hits.get(0);
    }

    /**
     * Refuses a structure set in which two ROIs with contours share a name (ignoring case): a command
     * that finds structures by name could otherwise take one for the other.
     */
    public RtStructureSet requireUniqueNames() {
        for (int i = 0; i < rois.size(); i++) {
            for (int j = i + 1; j < rois.size(); j++) {
                Roi a = rois.get(i);
                Roi b = rois.get(j);
                if (a.name().toLowerCase(Locale.ROOT).equals(b.name().toLowerCase(Locale.ROOT)) && !a.contours().isEmpty()
                        && !b.contours().isEmpty()) {
                    throw new IllegalArgumentException(fileName + ": ROIs " + a.number() + " and " + b.number() + " are both named '"
                            + a.name() + "': structures are found by name here, so one would be taken for the other;"
                            + " rename one of them in the structure set");
                }
            }
        }
        return this;
    }

    private String listing() {
        return rois.stream().map(r -> r.number() + ":" + r.name()).collect(Collectors.joining(", ", "[", "]"));
    }
}
