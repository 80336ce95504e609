package org.seedplan.server.plans;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SeedStrength;
import org.seedplan.source.SourceLibrary;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.PatientData;

/**
 * The needle and seed loading table of an approved plan revision for the operating room, as a PDF (A4 landscape): the
 * patient, plan, revision, approver and seeds in the header; one row per needle in insertion order with its template hole
 * (or entry point), direction, depth to the tip and to the deepest seed, seeds and spacers as loaded; totals and lines to sign for
 * loading and checking at the bedside.
 */
public final class NeedleTablePdf {

    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final float MARGIN = 36;
    private static final float SIZE = 9;
    private static final float ROW = 12;
    /** Column titles and left edges (points from the margin). */
    private static final String[] TITLES = {"Needle", "Hole / entry (mm)", "Direction", "Depth to tip", "Deepest seed", "Seeds", "Spacers",
        "Loading from the deepest seed", "Seed centres from the tip (mm)", "Done"};
    private static final float[] AT = {0, 44, 160, 246, 306, 376, 408, 452, 596, 742};

    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    /** The PDF of {@code r} (APPROVED or LOCKED; anything else is refused with an IllegalStateException). */
    public byte[] render(PlanRevisions.Revision r, PatientData patient, String centreName) {
        if (r.status() != PlanRevisions.Status.APPROVED && r.status() != PlanRevisions.Status.LOCKED) {
            throw new IllegalStateException("revision " + r.revision() + " is " + r.status()
                    + ": the needle table is printed for the operating room only from an approved revision");
        }
        PlanContent c = r.content();
        if (c.needles().isEmpty()) {
            throw new IllegalStateException("revision " + r.revision() + " has no needles (a plan of found seeds): there is no needle table to print");
        }
        TemplateHoles template = TemplateHoles.fromIntent(c.intentJson());
        NeedleTable table = NeedleTable.of(c, template);
        List<String[]> header = header(r, patient, centreName, table, template);
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            List<List<String[]>> pages = paginate(table, header.size());
            for (int p = 0; p < pages.size(); p++) {
                PDPage page = new PDPage(PAGE);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    float y = PAGE.getHeight() - MARGIN;
                    if (p == 0) {
                        for (String[] l : header) {
                            text(cs, l[0].equals("B") ? bold : regular, l[0].equals("T") ? 14 : 10, MARGIN, y, l[1]);
                            y -= l[0].equals("T") ? 20 : 13;
                        }
                        y -= 6;
                    }
                    y = rows(cs, y, pages.get(p), p == 0);
                    if (p == pages.size() - 1) {
                        footerBlock(cs, y - 10, table, c);
                    }
                    text(cs, regular, 7.5f, MARGIN, MARGIN - 14, "Plan \"" + r.planName() + "\" revision " + r.revision() + ", approved by "
                            + r.approvedByName() + " at " + r.approvedAt() + " (UTC); checksum " + r.checksum().substring(0, 16)
                            + "... - page " + (p + 1) + " of " + pages.size());
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String[]> header(PlanRevisions.Revision r, PatientData patient, String centreName, NeedleTable table, TemplateHoles template) {
        PlanContent c = r.content();
        List<String[]> h = new ArrayList<>();
        h.add(new String[] {"T", "Needle and seed loading table - operating room"});
        h.add(new String[] {"B", "Patient: " + PlanPrintout.name(patient) + "    ID: " + patient.patientId() + "    born: " + PlanPrintout.opt(patient.birthDate())
                + "    sex: " + PlanPrintout.opt(patient.sex()) + "    centre: " + centreName});
        h.add(new String[] {"B", "Plan: " + r.planName() + "    revision " + r.revision() + " (" + r.status() + ")    approved for treatment by "
                + r.approvedByName() + " at " + r.approvedAt() + " (UTC)"});
        String model = SourceLibrary.builtIn().keys().contains(c.sourceModelKey())
                ? SourceLibrary.builtIn().model(c.sourceModelKey()).description() + " (" + c.sourceModelKey() + ")" : c.sourceModelKey();
        double mci = new SeedStrength(c.strengthU(), SeedStrength.Unit.U).activityMCi();
        h.add(new String[] {"", String.format(Locale.ROOT, "Seeds: %s, %s; %.3f mCi per seed on the %s date", model, RevisionStrength.label(c), mci,
                c.calibrationDate() == null ? "implant" : "calibration")});
        h.add(new String[] {"", "Prescription: " + (c.prescriptionGy() == null ? "-" : String.format(Locale.ROOT, "%.1f Gy", c.prescriptionGy()))
                + String.format(Locale.ROOT, "    %d needles, %d seeds", table.rows().size(), c.seeds().size())});
        Vec3 d = table.rows().get(0).direction();
        boolean parallel = table.rows().stream().allMatch(x -> x.direction().dot(d) > Math.cos(Math.toRadians(0.5)));
        if (template != null) {
            Vec3 a1 = template.holeA1Mm();
            h.add(new String[] {"", String.format(Locale.ROOT, "Coplanar template: holes every %.1f mm, columns A, B, ... along %s, rows 1, 2, ... along %s;"
                    + " hole A1 at (%.1f, %.1f, %.1f) mm; needles %s", template.spacingMm(), axis(template.columnStepMm()), axis(template.rowStepMm()),
                    a1.x(), a1.y(), a1.z(), direction(template.directionUnit()))});
        } else if (parallel) {
            h.add(new String[] {"", "All needles parallel, " + direction(d) + "; entry points on the skin or template plane"});
        }
        h.add(new String[] {"", "Depth to tip: from the entry (template plane, or the skin for a needle through no hole) to the planned tip; deepest"
                + " seed: from the entry to the deepest seed's centre (the needle is inserted this far), mm. Loading from the deepest seed towards the entry: S = a seed ("
                + String.format(Locale.ROOT, "%.1f", NeedleTable.SEED_LENGTH_MM) + " mm), a number = the spacer between two seeds in mm (none:"
                + " touching). Coordinates: DICOM patient LPS, mm."});
        return fit(h);
    }

    /** The header lines wrapped at word boundaries to the page width. */
    private List<String[]> fit(List<String[]> lines) {
        float width = PAGE.getWidth() - 2 * MARGIN;
        List<String[]> out = new ArrayList<>();
        for (String[] l : lines) {
            PDType1Font font = l[0].equals("B") || l[0].equals("T") ? bold : regular;
            float size = l[0].equals("T") ? 14 : 10;
            StringBuilder line = new StringBuilder();
            for (String word : l[1].split(" ", -1)) {
                String next = line.length() == 0 ? word : line + " " + word;
                if (line.length() > 0 && widthOf(font, size, next) > width) {
                    out.add(new String[] {l[0], line.toString()});
                    line.setLength(0);
                    line.append("    ").append(word);
                } else {
                    line.setLength(0);
                    line.append(next);
                }
            }
            out.add(new String[] {l[0], line.toString()});
        }
        return out;
    }

    private static float widthOf(PDType1Font font, float size, String s) {
        try {
            return font.getStringWidth(PlanPrintout.winAnsi(s)) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table rows (wrapped into lines) split over pages; the first page has the header's lines less. */
    private static List<List<String[]>> paginate(NeedleTable table, int headerLines) {
        List<List<String[]>> pages = new ArrayList<>();
        List<String[]> page = new ArrayList<>();
        float room = PAGE.getHeight() - 2 * MARGIN - headerLines * 13 - 30 - 2 * ROW;
        float used = 0;
        for (NeedleTable.Row row : table.rows()) {
            List<String[]> lines = cells(row);
            float need = lines.size() * ROW + 3;
            if (used + need > room && !page.isEmpty()) {
                pages.add(page);
                page = new ArrayList<>();
                room = PAGE.getHeight() - 2 * MARGIN - 2 * ROW;
                used = 0;
            }
            page.addAll(lines);
            page.add(null);
            used += need;
        }
        pages.add(page);
        // the totals and signature lines below the last rows
        if (used + 5 * ROW > room) {
            pages.add(new ArrayList<>());
        }
        return pages;
    }

    /** A needle's cells; the seed list wraps onto further lines. */
    private static List<String[]> cells(NeedleTable.Row r) {
        String where = r.hole() != null ? r.hole() : String.format(Locale.ROOT, "(%.1f, %.1f, %.1f)", r.entryMm().x(), r.entryMm().y(), r.entryMm().z());
        String dir = String.format(Locale.ROOT, "(%.2f, %.2f, %.2f)", noNegativeZero(r.direction().x()), noNegativeZero(r.direction().y()),
                noNegativeZero(r.direction().z()));
        List<String> seeds = wrap(r.seedFromTipMm().stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).collect(Collectors.toList()), 40);
        List<String> loading = new ArrayList<>();
        if (r.seeds() > 0) {
            loading.add("S");
            for (double gap : r.spacersMm()) {
                if (gap >= NeedleTable.NO_SPACER_MM) {
                    loading.add(String.format(Locale.ROOT, "%.1f", gap));
                }
                loading.add("S");
            }
        }
        List<String> pattern = loading.isEmpty() ? List.of("no seeds") : wrap(loading, 26);
        int n = Math.max(1, Math.max(seeds.size(), pattern.size()));
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i == 0
                    ? new String[] {String.valueOf(r.number()), where, dir, String.format(Locale.ROOT, "%.1f mm", r.depthMm()),
                        String.format(Locale.ROOT, "%.1f mm", r.insertMm()), String.valueOf(r.seeds()), String.valueOf(r.spacers()), get(pattern, i),
                        get(seeds, i), "[  ]"}
                    : new String[] {"", "", "", "", "", "", "", get(pattern, i), get(seeds, i), ""});
        }
        return out;
    }

    private float rows(PDPageContentStream cs, float y, List<String[]> lines, boolean first) throws IOException {
        for (int i = 0; i < TITLES.length; i++) {
            text(cs, bold, SIZE, MARGIN + AT[i], y, TITLES[i]);
        }
        line(cs, y - 4);
        y -= ROW + 4;
        for (String[] l : lines) {
            if (l == null) {
                line(cs, y + ROW - 3.5f);
                y -= 3;
                continue;
            }
            for (int i = 0; i < l.length; i++) {
                // the needle number and its hole are what the loader reads first; an entry point (no hole) is plain
                boolean strong = i == 0 || i == 1 && !l[i].startsWith("(");
                text(cs, strong ? bold : regular, strong ? 10 : SIZE, MARGIN + AT[i], y, l[i]);
            }
            y -= ROW;
        }
        return y;
    }

    private void footerBlock(PDPageContentStream cs, float y, NeedleTable table, PlanContent c) throws IOException {
        int seeds = table.rows().stream().mapToInt(NeedleTable.Row::seeds).sum();
        int spacers = table.rows().stream().mapToInt(NeedleTable.Row::spacers).sum();
        text(cs, bold, 10, MARGIN, y, String.format(Locale.ROOT, "Total: %d needles, %d seeds on needles%s, %d spacers; %.3f U (%.2f mCi) in all on %s",
                table.rows().size(), seeds, table.unassignedSeeds() > 0 ? " (+" + table.unassignedSeeds() + " on no needle)" : "", spacers,
                c.seeds().size() * c.strengthU(), c.seeds().size() * new SeedStrength(c.strengthU(), SeedStrength.Unit.U).activityMCi(),
                c.calibrationDate() == null ? "the implant date" : c.calibrationDate() + " (calibration)"));
        text(cs, regular, 10, MARGIN, y - 2 * ROW, "Loaded by: ______________________   Checked by: ______________________   Date and time: ________________");
    }

    private void text(PDPageContentStream cs, PDType1Font font, float size, float x, float y, String s) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(PlanPrintout.winAnsi(s));
        cs.endText();
    }

    private static void line(PDPageContentStream cs, float y) throws IOException {
        cs.setLineWidth(0.4f);
        cs.moveTo(MARGIN, y);
        cs.lineTo(PAGE.getWidth() - MARGIN, y);
        cs.stroke();
    }

    /** The needle direction in words where it is a patient axis, else the unit vector. */
    static String direction(Vec3 d) {
        String[][] names = {{"right -> left (+x)", "left -> right (-x)"}, {"anterior -> posterior (+y)", "posterior -> anterior (-y)"},
            {"inferior -> superior (+z)", "superior -> inferior (-z)"}};
        double[] v = {d.x(), d.y(), d.z()};
        for (int k = 0; k < 3; k++) {
            if (Math.abs(v[k]) > Math.cos(Math.toRadians(0.5))) {
                return "along " + names[k][v[k] > 0 ? 0 : 1];
            }
        }
        return String.format(Locale.ROOT, "along (%.3f, %.3f, %.3f)", d.x(), d.y(), d.z());
    }

    /** A template axis in words: the patient axis it follows (+x patient left, +y posterior, +z superior). */
    private static String axis(Vec3 step) {
        Vec3 u = step.normalized();
        double[] v = {u.x(), u.y(), u.z()};
        String[][] names = {{"+x (to the patient's left)", "-x (to the patient's right)"}, {"+y (posterior)", "-y (anterior)"},
            {"+z (superior)", "-z (inferior)"}};
        for (int k = 0; k < 3; k++) {
            if (Math.abs(v[k]) > 0.999) {
                return names[k][v[k] > 0 ? 0 : 1];
            }
        }
        return String.format(Locale.ROOT, "(%.3f, %.3f, %.3f)", u.x(), u.y(), u.z());
    }

    /** 0 for components that print as "-0.00" (a parallel needle's rounding), else {@code v}. */
    private static double noNegativeZero(double v) {
        return Math.abs(v) < 0.005 ? 0 : v;
    }

    private static List<String> wrap(List<String> words, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String w : words) {
            if (line.length() > 0 && line.length() + 1 + w.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(w);
        }
        if (line.length() > 0 || out.isEmpty()) {
            out.add(line.toString());
        }
        return out;
    }

    private static String get(List<String> l, int i) {
        return i < l.size() ? l.get(i) : "";
    }
}
