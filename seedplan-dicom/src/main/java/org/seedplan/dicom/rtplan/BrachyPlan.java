package org.seedplan.dicom.rtplan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Vec3;

/**
 * A brachytherapy RT Plan as read: the file it came from (for messages), its identity (SOP Instance,
 * Patient ID, Study Instance and Frame of Reference UIDs; empty when absent), label, Brachy Treatment
 * Technique (PERMANENT, INTERSTITIAL…) and Type (LDR, HDR, PDR…), the referenced structure set (SOP
 * Instance UID, may be empty), the prescription (Target Prescription Dose, Gy, NaN when absent), the
 * sources and all source positions.
 */
public record BrachyPlan(String fileName, String sopInstanceUid, String patientId, String studyInstanceUid,
                         String frameOfReferenceUid, String label, String technique, String treatmentType,
                         String referencedStructureSetUid, double prescriptionGy, List<BrachySource> sources,
                         List<SourcePosition> positions) {

    public BrachyPlan {
        sources = List.copyOf(sources);
        positions = List.copyOf(positions);
    }

    /**
     * This plan, when it is a permanent low-dose-rate seed implant (Brachy Treatment Technique
     * PERMANENT, Type LDR or unstated, no source of Ir-192 or Co-60); otherwise the one refusal every
     * command that reads an RT Plan gives.
     */
    public BrachyPlan requirePermanentSeedImplant() {
        String why = null;
        if (!technique.equals("PERMANENT")) {
            why = "Brachy Treatment Technique is '" + technique + "'";
        } else if (!treatmentType.isEmpty() && !treatmentType.equals("LDR")) {
            why = "Brachy Treatment Type is '" + treatmentType + "'";
        } else {
            for (BrachySource s : sources) {
                String iso = s.isotope().toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "");
                if (iso.contains("IR192") || iso.contains("192IR") || iso.contains("CO60") || iso.contains("60CO")) {
                    why = "source " + s.number() + " is '" + s.isotope() + "', an afterloader source";
                }
            }
        }
        if (why != null) {
            throw new IllegalArgumentException(fileName + ": RT Plan '" + label + "': " + why + ", not a permanent (PERMANENT, LDR)"
                    + " seed implant: seedplan computes permanent seed implants only; give the seed plan");
        }
        return this;
    }

    public Optional<BrachySource> source(int number) {
        return sources.stream().filter(s -> s.number() == number).findFirst();
    }

    /**
     * The positions as seeds: centre, axis (the plan's orientation, else the direction of the
     * channel's other seeds, else +z) and air-kerma strength from the referenced source's Reference
     * Air Kerma Rate. Refuses a plan whose source strength is missing.
     */
    public List<Seed> seeds() {
        List<Seed> out = new ArrayList<>();
        for (SourcePosition p : positions) {
            BrachySource s = source(p.sourceNumber()).orElseThrow(() -> new IllegalArgumentException(fileName + ": RT Plan '" + label
                    + "': channel " + p.channelNumber() + " refers to source " + p.sourceNumber()
                    + ", which the Source Sequence does not hold: the plan is incomplete"));
            if (!(s.referenceAirKermaRate() > 0)) {
                throw new IllegalArgumentException(fileName + ": RT Plan '" + label + "': source " + s.number()
                        + " has no positive Reference Air Kerma Rate: the seed strength is unknown");
            }
            try {
                out.add(new Seed(p.positionMm(), p.axis() != null ? p.axis() : channelAxis(p.channelNumber()), s.referenceAirKermaRate()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(fileName + ": RT Plan '" + label + "', channel " + p.channelNumber() + ": "
                        + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Direction from the first to the last position of a channel, or +z for a single position. */
    private Vec3 channelAxis(int channel) {
        List<Vec3> ps = positions.stream().filter(q -> q.channelNumber() == channel).map(SourcePosition::positionMm).toList();
        Vec3 d = ps.get(ps.size() - 1).minus(ps.get(0));
        return d.norm() > 1e-6 ? d.normalized() : Vec3.UNIT_Z;
    }
}
