package org.seedplan.server.plans;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.PatientData;

/**
 * The printout of an approved plan revision for treatment (IEC 62083: only approved plans leave the
 * system): patient, plan and revision, the e-signature line "Approved for treatment by … at …", seed
 * model and strength, prescription and metrics, and the seed table. A4, Helvetica; characters outside
 * WinAnsi (e.g. CJK names) are printed as '?', the patient ID stays exact.
 */
public final class PlanPrintout {

    private static final float MARGIN = 50;
    private static final float LINE = 14;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    /** The PDF bytes of the printout of {@code r} (which must be APPROVED or LOCKED). */
    public byte[] render(PlanRevisions.Revision r, PatientData patient, String centreName) {
        if (r.status() != PlanRevisions.Status.APPROVED && r.status() != PlanRevisions.Status.LOCKED) {
            throw new IllegalStateException("revision " + r.revision() + " is " + r.status() + ": only an approved revision is printed for treatment");
        }
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"B", "seedplan - I-125 seed plan for treatment"});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"", "Patient: " + name(patient) + "   ID: " + patient.patientId() + "   born: " + opt(patient.birthDate())
                + "   sex: " + opt(patient.sex())});
        lines.add(new String[] {"", "Centre: " + centreName});
        lines.add(new String[] {"", "Plan: " + r.planName() + "   revision " + r.revision() + "   status " + r.status()});
        lines.add(new String[] {"B", "Approved for treatment by " + r.approvedByName() + " at " + r.approvedAt() + " (UTC)"});
        lines.add(new String[] {"", "Signature meaning: " + r.signatureMeaning()});
        lines.add(new String[] {"", "Plan checksum (SHA-256): " + r.checksum()});
        lines.add(new String[] {"", ""});
        PlanContent c = r.content();
        lines.add(new String[] {"", String.format(Locale.ROOT, "Seed model: %s   seeds: %d   needles: %d", c.sourceModelKey(),
                c.seeds().size(), c.needles().size())});
        lines.add(new String[] {"", RevisionStrength.label(c)});
        lines.add(new String[] {"", "Prescription: " + (c.prescriptionGy() == null ? "-" : fmt(c.prescriptionGy()) + " Gy")
                + "   calibration date: " + opt(c.calibrationDate()) + "   implant date: " + opt(c.implantDate())});
        PlanContent.Metrics m = c.metrics();
        lines.add(new String[] {"", m.structure() == null ? "Metrics (" + m.structureOrNotRecorded() + "):" : "Metrics of " + m.structure() + ":"});
        lines.add(new String[] {"", "D90: " + gy(m.d90Gy()) + "   D100: " + gy(m.d100Gy()) + "   V100: " + pct(m.v100Percent()) + "   V150: "
                + pct(m.v150Percent()) + "   V200: " + pct(m.v200Percent())});
        lines.add(new String[] {"", "Metrics of the " + RevisionStrength.doseBasis(c)});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"B", "Seeds (mm, DICOM patient coordinates LPS)"});
        lines.add(new String[] {"B", String.format(Locale.ROOT, "%6s %8s %10s %10s %10s", "seed", "needle", "x", "y", "z")});
        for (int i = 0; i < c.seeds().size(); i++) {
            PlanContent.PlannedSeed s = c.seeds().get(i);
            lines.add(new String[] {"M", String.format(Locale.ROOT, "%6d %8s %10.2f %10.2f %10.2f", i + 1, s.needle() < 0 ? "-" : Integer.toString(s.needle() + 1),
                    s.centreMm().x(), s.centreMm().y(), s.centreMm().z())});
        }
        return pdf(lines, r);
    }

    private byte[] pdf(List<String[]> lines, PlanRevisions.Revision r) {
        PDType1Font mono = new PDType1Font(Standard14Fonts.FontName.COURIER);
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            int i = 0;
            int pageNo = 0;
            while (i < lines.size()) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                pageNo++;
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    float y = page.getMediaBox().getHeight() - MARGIN;
                    while (i < lines.size() && y > MARGIN + 2 * LINE) {
                        String[] l = lines.get(i++);
                        cs.beginText();
                        cs.setFont(l[0].equals("B") ? bold : l[0].equals("M") ? mono : regular, l[0].equals("M") ? 9 : 10);
                        cs.newLineAtOffset(MARGIN, y);
                        cs.showText(winAnsi(l[1]));
                        cs.endText();
                        y -= LINE;
                    }
                    cs.beginText();
                    cs.setFont(regular, 8);
                    cs.newLineAtOffset(MARGIN, MARGIN);
                    cs.showText(winAnsi("Plan " + r.planName() + " revision " + r.revision() + ", approved for treatment by " + r.approvedByName()
                            + " at " + r.approvedAt() + " - page " + pageNo));
                    cs.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with every character the PDF's WinAnsi fonts cannot show replaced by '?'. */
    static String winAnsi(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            sb.append(ch >= 32 && ch < 127 || ch >= 160 && ch <= 255 ? ch : '?');
        }
        return sb.toString();
    }

    /** FAMILY Given, or '-'. */
    static String name(PatientData p) {
        String n = ((p.familyName() == null ? "" : p.familyName().toUpperCase(Locale.ROOT)) + " " + (p.givenName() == null ? "" : p.givenName())).trim();
        return n.isEmpty() ? "-" : n;
    }

    /** The value as text, or '-' when absent. */
    static String opt(Object o) {
        return o == null ? "-" : o.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String gy(Double v) {
        return v == null ? "not computed" : fmt(v) + " Gy";
    }

    private static String pct(Double v) {
        return v == null ? "-" : fmt(v) + " %";
    }
}
