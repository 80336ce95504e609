package org.seedplan.dicom.ct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.codec.PixelFrames;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomFile;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Reads a CT series from a folder into a {@link CtSeries}: slices sorted by their position along
 * the slice normal (Image Position · (row × column cosines), not Instance Number), pixel values
 * (any transfer syntax {@link PixelFrames} decodes) turned into HU with Rescale Slope and
 * Intercept. A stack whose pixels all lie within {@value #GEOMETRY_TOLERANCE_MM} mm of an
 * axis-aligned grid is mapped onto it ({@link AxisAlignedFrame}); a tilted or sheared stack (slice
 * positions drifting in-plane, judged over the whole stack) or an in-plane rotated one is resampled
 * onto an axial grid ({@link AxialResampler}) and says so in {@link CtSeries#geometry()}; oblique
 * planes, a Gantry/Detector Tilt the positions contradict, uneven spacing, missing or duplicate
 * slices and mismatched slices are refused with a message that names them. Multi-frame (Enhanced)
 * CT images are read frame by frame from their functional groups ({@link EnhancedCtFrames}). When the folder holds
 * several CT series, one is chosen by Series Instance UID. Localiser (scout) images are skipped. Slice Thickness
 * (0018,0050), the width of the slice profile, is carried on the volume ({@link Volume#sliceThicknessMm()}; NaN when no
 * slice records it, refused when the slices disagree).
 */
public final class CtSeriesReader {

    /** Largest deviation of one slice gap from the first gap accepted as even spacing, mm. */
    public static final double SPACING_TOLERANCE_MM = 0.01;
    /**
     * Largest displacement of any pixel from where an axis-aligned stack would put it (in-plane
     * drift of the slice positions over the whole stack, rotation over the image) read without
     * resampling, mm.
     */
    public static final double GEOMETRY_TOLERANCE_MM = 0.05;
    /** Gantry/Detector Tilt below this is taken as none, degrees. */
    public static final double TILT_TOLERANCE_DEG = 0.01;
    /** Largest difference between the recorded gantry tilt and the tilt the slice positions show, degrees. */
    public static final double TILT_AGREEMENT_DEG = 0.5;

    private CtSeriesReader() {
    }

    /** Reads the only CT series in {@code dir} (or the file {@code dir} itself when it is one slice). */
    public static CtSeries read(Path dir) {
        return read(dir, null);
    }

    /** Reads the CT series with the given Series Instance UID from {@code dir}; null picks the only one. */
    public static CtSeries read(Path dir, String seriesInstanceUid) {
        return pick(dir.toString(), scan(dir), seriesInstanceUid);
    }

    /**
     * Reads the CT series with the given Series Instance UID from {@code files} (the files of a stored series, wherever
     * they lie: no folder of their own is needed); {@code source} names them in messages.
     */
    public static CtSeries read(String source, List<Path> files, String seriesInstanceUid) {
        return pick(source, scan(source, files, "the planning CT series"), seriesInstanceUid);
    }

    private static CtSeries pick(String source, Map<String, List<Slice>> bySeries, String seriesInstanceUid) {
        List<Slice> slices;
        if (seriesInstanceUid != null) {
            slices = bySeries.get(seriesInstanceUid);
            if (slices == null) {
                throw new IllegalArgumentException(source + ": no CT series with Series Instance UID " + seriesInstanceUid
                        + "; it holds " + describe(bySeries));
            }
        } else if (bySeries.size() > 1) {
            throw new IllegalArgumentException(source + ": holds " + bySeries.size() + " CT series (" + describe(bySeries)
                    + "): choose one by its Series Instance UID");
        } else {
            slices = bySeries.values().iterator().next();
        }
        return assemble(source, slices);
    }

    /** The CT series in a folder, for choosing one. */
    public static List<SeriesSummary> listSeries(Path dir) {
        List<SeriesSummary> out = new ArrayList<>();
        for (Map.Entry<String, List<Slice>> e : scan(dir).entrySet()) {
            out.add(new SeriesSummary(e.getKey(), e.getValue().get(0).ds.string(Tag.SERIES_DESCRIPTION, ""), e.getValue().size()));
        }
        return out;
    }

    private static String describe(Map<String, List<Slice>> bySeries) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Slice>> e : bySeries.entrySet()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e.getKey()).append(" with ").append(e.getValue().size()).append(" slices");
        }
        return sb.toString();
    }

    /**
     * Assembles a series from slices already parsed (one CT series; other objects are skipped);
     * {@code source} names the series in messages, each data set's source names its slice.
     */
    public static CtSeries fromDataSets(String source, List<DataSet> slices) {
        List<Slice> ct = slices.stream().filter(CtSeriesReader::isCt)
                .flatMap(d -> slicesOf(Path.of(d.source().replace('\0', '_')), d, null)).toList();
        if (ct.isEmpty()) {
            throw new IllegalArgumentException(source + ": holds no CT images (Modality CT): give the planning CT series");
        }
        return assemble(source, ct);
    }

    /**
     * One parsed slice: its file (for a frame of a multi-frame image, the file name with the frame
     * number), its data set, the file's transfer syntax (null for a data set made in memory), and
     * which of the file's frames it is.
     */
    private record Slice(Path file, DataSet ds, String transferSyntaxUid, int frame, int frames) {

        Slice(Path file, DataSet ds, String transferSyntaxUid) {
            this(file, ds, transferSyntaxUid, 0, 1);
        }
    }

    /** The slices of one file: itself, or each frame of a multi-frame (Enhanced) CT image. */
    private static Stream<Slice> slicesOf(Path file, DataSet ds, String transferSyntaxUid) {
        if (!EnhancedCtFrames.isMultiFrame(ds)) {
            return Stream.of(new Slice(file, ds, transferSyntaxUid));
        }
        List<DataSet> frames = EnhancedCtFrames.split(ds, file.toString());
        return IntStream.range(0, frames.size()).mapToObj(f -> new Slice(Path.of(file + " frame " + (f + 1)), frames.get(f),
                transferSyntaxUid, f, frames.size()));
    }

    private static Map<String, List<Slice>> scan(Path dir) {
        List<Path> files;
        if (Files.isRegularFile(dir)) {
            files = List.of(dir);
        } else {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(dir + ": no such folder: give the folder that holds the CT series");
            }
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(dir + ": cannot be listed (" + e.getMessage() + ")", e);
            }
        }
        return scan(dir.toString(), files, "the folder of the planning CT series");
    }

    /** The CT slices of {@code files} by Series Instance UID; {@code give} says what to give when there is none. */
    private static Map<String, List<Slice>> scan(String source, List<Path> files, String give) {
        List<Slice> parsed = files.parallelStream()
                .filter(CtSeriesReader::looksLikeDicom)
                .map(f -> {
                    DicomFile file = DicomReader.read(f);
                    return new Slice(f, file.dataSet(), file.transferSyntaxUid());
                })
                .filter(s -> isCt(s.ds))
                .flatMap(s -> slicesOf(s.file, s.ds, s.transferSyntaxUid))
                .toList();
        Map<String, List<Slice>> bySeries = new LinkedHashMap<>();
        for (Slice s : parsed) {
            bySeries.computeIfAbsent(s.ds.requireString(Tag.SERIES_INSTANCE_UID), k -> new ArrayList<>()).add(s);
        }
        if (bySeries.isEmpty()) {
            throw new IllegalArgumentException(source + ": holds no CT images (Modality CT): give " + give);
        }
        return bySeries;
    }

    /** Whether a file starts like DICOM: preamble with "DICM", or a group 0002 or 0008 element. */
    private static boolean looksLikeDicom(Path f) {
        try (var in = Files.newInputStream(f)) {
            byte[] head = in.readNBytes(132);
            if (head.length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
                return true;
            }
            return head.length >= 8 && head[1] == 0 && (head[0] == 2 || head[0] == 8);
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** A CT image that is not a localiser (scout) view, which some scanners store in the axial series. */
    private static boolean isCt(DataSet ds) {
        boolean ct = ds.string(Tag.MODALITY).map(m -> m.equals("CT")).orElse(false)
                || ds.string(Tag.SOP_CLASS_UID).map(Uids.CT_IMAGE_STORAGE::equals).orElse(false);
        return ct && !ds.strings(Tag.IMAGE_TYPE).contains("LOCALIZER");
    }

    private static CtSeries assemble(String source, List<Slice> slices) {
        Slice first = slices.get(0);
        String name0 = first.file.toString();
        DataSet d0 = first.ds;
        int rows = d0.requireInteger(Tag.ROWS);
        int cols = d0.requireInteger(Tag.COLUMNS);
        double[] orient = d0.requireNumbers(Tag.IMAGE_ORIENTATION_PATIENT, 6);
        double[] pixelSpacing = d0.requireNumbers(Tag.PIXEL_SPACING, 2);
        Vec3 colDir = new Vec3(orient[0], orient[1], orient[2]).normalized();
        Vec3 rowDir = new Vec3(orient[3], orient[4], orient[5]).normalized();
        Vec3 normal = colDir.cross(rowDir).normalized();
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException(name0 + ": image size " + cols + " × " + rows + " is empty: the file is corrupt");
        }
        if (!(pixelSpacing[0] > 0 && pixelSpacing[1] > 0)) {
            throw new IllegalArgumentException(name0 + ": Pixel Spacing must be positive, got " + pixelSpacing[0] + "\\" + pixelSpacing[1]);
        }
        record Placed(Slice slice, Vec3 position, double along) {
        }
        List<Placed> placed = new ArrayList<>();
        for (Slice s : slices) {
            String name = s.file.toString();
            if (s.ds.requireInteger(Tag.ROWS) != rows || s.ds.requireInteger(Tag.COLUMNS) != cols) {
                throw new IllegalArgumentException(name + ": image size differs from " + name0 + " (" + cols + " × " + rows
                        + "): the series mixes image sizes; choose one series");
            }
            double[] o = s.ds.requireNumbers(Tag.IMAGE_ORIENTATION_PATIENT, 6);
            double[] ps = s.ds.requireNumbers(Tag.PIXEL_SPACING, 2);
            for (int i = 0; i < 6; i++) {
                if (Math.abs(o[i] - orient[i]) > 1e-4) {
                    throw new IllegalArgumentException(name + ": Image Orientation differs from " + name0 + ": the series mixes orientations");
                }
            }
            if (Math.abs(ps[0] - pixelSpacing[0]) > 1e-4 || Math.abs(ps[1] - pixelSpacing[1]) > 1e-4) {
                throw new IllegalArgumentException(name + ": Pixel Spacing differs from " + name0 + ": the series mixes pixel sizes");
            }
            double[] ipp = s.ds.requireNumbers(Tag.IMAGE_POSITION_PATIENT, 3);
            Vec3 p = new Vec3(ipp[0], ipp[1], ipp[2]);
            placed.add(new Placed(s, p, p.dot(normal)));
        }
        placed.sort(Comparator.comparingDouble(Placed::along));
        double thicknessMm = sliceThicknessMm(source, slices);
        int n = placed.size();
        double sliceSpacing;
        if (n == 1) {
            double sbs = d0.number(Tag.SPACING_BETWEEN_SLICES).orElse(d0.number(Tag.SLICE_THICKNESS).orElse(Double.NaN));
            if (!(sbs > 0)) {
                throw new IllegalArgumentException(name0 + ": a single slice without Slice Thickness or Spacing Between Slices:"
                        + " its thickness is unknown; give the whole series");
            }
            sliceSpacing = sbs;
        } else {
            sliceSpacing = placed.get(1).along - placed.get(0).along;
            for (int k = 0; k + 1 < n; k++) {
                Placed a = placed.get(k);
                Placed b = placed.get(k + 1);
                double gap = b.along - a.along;
                if (gap < 1e-3) {
                    throw new IllegalArgumentException(source + ": two slices at the same position " + fmt(a.along) + " mm ("
                            + a.slice.file.getFileName() + ", " + b.slice.file.getFileName() + "): the folder holds a slice twice"
                            + " or two acquisitions; keep one");
                }
                if (Math.abs(gap - sliceSpacing) > SPACING_TOLERANCE_MM) {
                    throw new IllegalArgumentException(source + ": uneven slice spacing: " + fmt(sliceSpacing)
                            + " mm between the first slices but " + fmt(gap) + " mm between positions " + fmt(a.along)
                            + " and " + fmt(b.along) + " mm (" + a.slice.file.getFileName() + ", " + b.slice.file.getFileName()
                            + ")" + (gap > 1.5 * sliceSpacing ? ": a slice is missing" : "")
                            + "; seedplan needs evenly spaced slices: export the complete series or resample it");
                }
            }
        }
        Vec3 firstPos = placed.get(0).position;
        double gantryTilt = d0.number(Tag.GANTRY_DETECTOR_TILT).orElse(0);
        Vec3 colAxis = snap(colDir);
        Vec3 rowAxis = snap(rowDir);
        double colExtentMm = (cols - 1) * pixelSpacing[1];
        double rowExtentMm = (rows - 1) * pixelSpacing[0];
        // how far the true pixel positions lie from an axis-aligned stack, over the whole image and stack
        double rotationMm = colDir.minus(colAxis).norm() * colExtentMm + rowDir.minus(rowAxis).norm() * rowExtentMm;
        double driftMm = 0;
        Vec3 lastOffset = Vec3.ZERO;
        for (Placed p : placed) {
            Vec3 d = p.position.minus(firstPos);
            lastOffset = d.minus(normal.times(d.dot(normal)));
            driftMm = Math.max(driftMm, lastOffset.norm());
        }
        double stackMm = placed.get(n - 1).along - placed.get(0).along;
        double tiltDeg = n > 1 ? Math.toDegrees(Math.atan2(lastOffset.norm(), stackMm)) : 0;
        double rotationDeg = Math.toDegrees(Math.acos(Math.min(1, Math.abs(colDir.dot(colAxis)))));
        if (rotationMm <= GEOMETRY_TOLERANCE_MM && driftMm <= GEOMETRY_TOLERANCE_MM) {
            if (n > 1 && Math.abs(gantryTilt) > TILT_TOLERANCE_DEG) {
                throw new IllegalArgumentException(source + ": Gantry/Detector Tilt (0018,1120) is " + fmt(gantryTilt)
                        + "° but the slice positions show no tilt (drift " + fmt(driftMm) + " mm over " + fmt(stackMm)
                        + " mm): the positions do not describe the tilted geometry; reconstruct the series without tilt"
                        + " or export it with its true Image Positions");
            }
            return axisAligned(source, placed.stream().map(Placed::slice).toList(), firstPos, colAxis, rowAxis, snap(normal),
                    pixelSpacing, sliceSpacing, thicknessMm, rows, cols, d0);
        }
        double planeZMm = Math.abs(colDir.z()) * colExtentMm + Math.abs(rowDir.z()) * rowExtentMm;
        if (Math.abs(snap(normal).z()) != 1 || planeZMm > GEOMETRY_TOLERANCE_MM) {
            throw new IllegalArgumentException(source + ": the image planes are oblique (slice normal " + normal + ", "
                    + fmt(Math.toDegrees(Math.acos(Math.min(1, Math.abs(normal.z()))))) + "° from the patient z axis"
                    + (Math.abs(gantryTilt) > TILT_TOLERANCE_DEG ? ", Gantry/Detector Tilt " + fmt(gantryTilt) + "°" : "")
                    + "): seedplan resamples tilted, sheared or in-plane rotated axial stacks but not oblique planes;"
                    + " reconstruct the series axially (or with tilt correction) on the scanner");
        }
        if (n > 1 && Math.abs(gantryTilt) > TILT_TOLERANCE_DEG && Math.abs(tiltDeg - Math.abs(gantryTilt)) > TILT_AGREEMENT_DEG) {
            throw new IllegalArgumentException(source + ": Gantry/Detector Tilt (0018,1120) is " + fmt(gantryTilt)
                    + "° but the slice positions drift as for a tilt of " + fmt(tiltDeg) + "°: the geometry is"
                    + " contradictory; reconstruct the series without tilt");
        }
        List<Slice> byZ = new ArrayList<>(placed.stream().map(Placed::slice).toList());
        if (normal.z() < 0) {
            Collections.reverse(byZ);
        }
        List<AxialResampler.Plane> planes = IntStream.range(0, n).parallel().mapToObj(k -> {
            Slice s = byZ.get(k);
            double[] ipp = s.ds.requireNumbers(Tag.IMAGE_POSITION_PATIENT, 3);
            return new AxialResampler.Plane(new Vec3(ipp[0], ipp[1], ipp[2]), colDir, rowDir, decode(s, rows, cols));
        }).toList();
        Grid grid = AxialResampler.grid(planes, cols, rows, pixelSpacing[1], pixelSpacing[0], sliceSpacing);
        float[] hu = AxialResampler.resample(grid, planes, cols, rows, pixelSpacing[1], pixelSpacing[0]);
        StackGeometry geometry = new StackGeometry(true, tiltDeg, gantryTilt, rotationDeg, driftMm);
        return series(new Volume(grid, hu, thicknessMm), byZ, d0, geometry);
    }

    /**
     * The series' Slice Thickness (0018,0050), mm: the slice sensitivity profile's full width at half maximum, which on an
     * overlapping reconstruction (5 mm slices every 2.5 mm) is not the spacing. NaN when no slice records it (the attribute is
     * Type 2: it may be empty), so that users of the volume fall back on the spacing. Slices that record different
     * thicknesses (beyond {@value #SPACING_TOLERANCE_MM} mm) are refused, as mixed pixel sizes and uneven spacing are: such a
     * series joins two reconstructions, and any one figure (the median, say) would give some of its slices a profile they do
     * not have. A thickness that is not positive is refused.
     */
    private static double sliceThicknessMm(String source, List<Slice> slices) {
        Slice thinnest = null;
        Slice thickest = null;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Slice s : slices) {
            var t = s.ds.number(Tag.SLICE_THICKNESS);
            if (t.isEmpty()) {
                continue;
            }
            double v = t.getAsDouble();
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(s.file + ": Slice Thickness (0018,0050) is " + v + " mm: a slice thickness is"
                        + " positive; correct it or leave it empty (the slice spacing then stands for it)");
            }
            if (v < min) {
                min = v;
                thinnest = s;
            }
            if (v > max) {
                max = v;
                thickest = s;
            }
        }
        if (thinnest == null) {
            return Double.NaN;
        }
        if (max - min > SPACING_TOLERANCE_MM) {
            throw new IllegalArgumentException(source + ": Slice Thickness (0018,0050) differs within the series: " + fmt(min)
                    + " mm (" + thinnest.file.getFileName() + ") and " + fmt(max) + " mm (" + thickest.file.getFileName()
                    + "): the series mixes reconstructions; export one reconstruction, all of one slice thickness");
        }
        return min;
    }

    /** A stack whose rows, columns and slices run along patient axes: the voxels are reordered, not interpolated. */
    private static CtSeries axisAligned(String source, List<Slice> sorted, Vec3 firstPos, Vec3 colDir, Vec3 rowDir, Vec3 normal,
                                        double[] pixelSpacing, double sliceSpacing, double thicknessMm, int rows, int cols,
                                        DataSet d0) {
        int n = sorted.size();
        AxisAlignedFrame frame = new AxisAlignedFrame(source, firstPos, colDir, rowDir, normal,
                new double[] {pixelSpacing[1], pixelSpacing[0], sliceSpacing}, cols, rows, n);
        if (Math.abs(frame.sliceStride()) != frame.grid().nx() * frame.grid().ny()) {
            throw new IllegalArgumentException(source + ": the slices are not axial (slice normal " + normal
                    + "): seedplan plans on axial CT; reconstruct the series axially");
        }
        float[] hu = new float[frame.grid().voxelCount()];
        IntStream.range(0, n).parallel().forEach(k -> {
            float[] slice = decode(sorted.get(k), rows, cols);
            int start = frame.sliceStart(k);
            int cs = frame.columnStride();
            int rs = frame.rowStride();
            for (int r = 0; r < rows; r++) {
                int dst = start + r * rs;
                if (cs == 1) {
                    System.arraycopy(slice, r * cols, hu, dst, cols);
                } else {
                    for (int c = 0; c < cols; c++) {
                        hu[dst + c * cs] = slice[r * cols + c];
                    }
                }
            }
        });
        List<Slice> byGrid = new ArrayList<>(sorted);
        if (frame.sliceStride() < 0) {
            Collections.reverse(byGrid);
        }
        return series(new Volume(frame.grid(), hu, thicknessMm), byGrid, d0, StackGeometry.AXIS_ALIGNED);
    }

    private static CtSeries series(Volume volume, List<Slice> byGrid, DataSet d0, StackGeometry geometry) {
        List<String> uids = byGrid.stream().map(s -> s.ds.requireString(Tag.SOP_INSTANCE_UID)).toList();
        return new CtSeries(volume, PatientInfo.of(d0), d0.requireString(Tag.STUDY_INSTANCE_UID),
                d0.requireString(Tag.SERIES_INSTANCE_UID), d0.string(Tag.FRAME_OF_REFERENCE_UID, ""),
                d0.string(Tag.PATIENT_POSITION, ""), uids, geometry);
    }

    /** The patient axis (±x, ±y or ±z, unit length) nearest to a direction. */
    private static Vec3 snap(Vec3 d) {
        double ax = Math.abs(d.x());
        double ay = Math.abs(d.y());
        double az = Math.abs(d.z());
        if (ax >= ay && ax >= az) {
            return new Vec3(Math.signum(d.x()), 0, 0);
        }
        if (ay >= az) {
            return new Vec3(0, Math.signum(d.y()), 0);
        }
        return new Vec3(0, 0, Math.signum(d.z()));
    }

    /** The slice's HU in source order (row by row). */
    private static float[] decode(Slice s, int rows, int cols) {
        DataSet ds = s.ds;
        String name = s.file.toString();
        int bits = ds.requireInteger(Tag.BITS_ALLOCATED);
        int samples = ds.integer(Tag.SAMPLES_PER_PIXEL).orElse(1);
        if (bits != 16 || samples != 1) {
            throw new IllegalArgumentException(name + ": " + bits + "-bit pixels with " + samples
                    + " samples per pixel: seedplan reads 16-bit greyscale CT only");
        }
        int stored = ds.integer(Tag.BITS_STORED).orElse(16);
        if (stored < 1 || stored > 16) {
            throw new IllegalArgumentException(name + ": Bits Stored " + stored + " is impossible for 16-bit pixels: the file is corrupt");
        }
        boolean signed = ds.integer(Tag.PIXEL_REPRESENTATION).orElse(0) == 1;
        double slope = ds.number(Tag.RESCALE_SLOPE).orElse(1);
        double intercept = ds.number(Tag.RESCALE_INTERCEPT).orElse(0);
        if (!Double.isFinite(slope) || !Double.isFinite(intercept) || slope == 0) {
            throw new IllegalArgumentException(name + ": Rescale Slope/Intercept " + slope + "/" + intercept + " are invalid");
        }
        short[] raw = PixelFrames.frame16(s.transferSyntaxUid, ds.element(Tag.PIXEL_DATA), s.frame, s.frames, rows, cols, name);
        int up = 32 - stored;
        int mask = (1 << stored) - 1;
        float fs = (float) slope;
        float fi = (float) intercept;
        float[] hu = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            int v = signed ? (raw[i] << up) >> up : raw[i] & mask;
            hu[i] = v * fs + fi;
        }
        return hu;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
