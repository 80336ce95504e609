package org.seedplan.dicom.ct;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.Element;
import org.seedplan.dicom.io.Tag;

/**
 * Splits a multi-frame (Enhanced) CT image (PS3.3 A.38) into one data set per frame, each carrying
 * the frame's geometry and rescale as a single-frame CT image would: Image Position from the Plane
 * Position Sequence, Image Orientation from the Plane Orientation Sequence, Pixel Spacing and Slice
 * Thickness from the Pixel Measures Sequence, Rescale Slope and Intercept from the Pixel Value
 * Transformation Sequence; each taken from the frame's Per-frame Functional Groups item or, when
 * absent there, from the Shared Functional Groups. A frame whose geometry is given nowhere is
 * refused with a message naming the file, the frame and the missing sequence.
 */
final class EnhancedCtFrames {

    private EnhancedCtFrames() {
    }

    /** Whether a data set holds several frames described by functional groups. */
    static boolean isMultiFrame(DataSet ds) {
        return ds.contains(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE) || ds.integer(Tag.NUMBER_OF_FRAMES).orElse(1) > 1;
    }

    /** One data set per frame, in frame order; the Pixel Data element stays whole (frame k is decoded from it). */
    static List<DataSet> split(DataSet ds, String source) {
        int frames = ds.integer(Tag.NUMBER_OF_FRAMES).orElse(1);
        List<DataSet> perFrame = ds.sequence(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        List<DataSet> sharedItems = ds.sequence(Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE);
        DataSet shared = sharedItems.isEmpty() ? null : sharedItems.get(0);
        if (perFrame.isEmpty() && shared == null) {
            throw new IllegalArgumentException(source + ": a multi-frame CT image of " + frames + " frames without functional"
                    + " groups (5200,9229)/(5200,9230): the position of each frame is unknown; export the series as"
                    + " single-frame CT images");
        }
        if (perFrame.size() != frames) {
            throw new IllegalArgumentException(source + ": Number of Frames is " + frames + " but the Per-frame Functional"
                    + " Groups Sequence has " + perFrame.size() + " items: the file is corrupt");
        }
        List<DataSet> out = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            DataSet item = perFrame.get(f);
            String where = source + " frame " + (f + 1);
            DataSet position = macro(item, shared, Tag.PLANE_POSITION_SEQUENCE, where);
            DataSet orientation = macro(item, shared, Tag.PLANE_ORIENTATION_SEQUENCE, where);
            DataSet measures = macro(item, shared, Tag.PIXEL_MEASURES_SEQUENCE, where);
            DataSet.Builder b = ds.toBuilder()
                    .remove(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE)
                    .remove(Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE)
                    .numbers(Tag.IMAGE_POSITION_PATIENT, position.requireNumbers(Tag.IMAGE_POSITION_PATIENT, 3))
                    .numbers(Tag.IMAGE_ORIENTATION_PATIENT, orientation.requireNumbers(Tag.IMAGE_ORIENTATION_PATIENT, 6))
                    .numbers(Tag.PIXEL_SPACING, measures.requireNumbers(Tag.PIXEL_SPACING, 2));
            measures.number(Tag.SLICE_THICKNESS).ifPresent(t -> b.numbers(Tag.SLICE_THICKNESS, t));
            DataSet rescale = optionalMacro(item, shared, Tag.PIXEL_VALUE_TRANSFORMATION_SEQUENCE);
            if (rescale != null) {
                for (int tag : new int[] {Tag.RESCALE_SLOPE, Tag.RESCALE_INTERCEPT}) {
                    Element e = rescale.element(tag);
                    if (e != null) {
                        b.put(e);
                    }
                }
            }
            out.add(b.build());
        }
        return out;
    }

    private static DataSet macro(DataSet frame, DataSet shared, int sequenceTag, String where) {
        DataSet m = optionalMacro(frame, shared, sequenceTag);
        if (m == null) {
            throw new IllegalArgumentException(where + ": " + Tag.describe(sequenceTag) + " is in neither the Per-frame nor the"
                    + " Shared Functional Groups: the frame's geometry is unknown; the file is incomplete");
        }
        return m;
    }

    private static DataSet optionalMacro(DataSet frame, DataSet shared, int sequenceTag) {
        List<DataSet> own = frame.sequence(sequenceTag);
        if (!own.isEmpty()) {
            return own.get(0);
        }
        if (shared != null) {
            List<DataSet> common = shared.sequence(sequenceTag);
            if (!common.isEmpty()) {
                return common.get(0);
            }
        }
        return null;
    }
}
