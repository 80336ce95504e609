package org.seedplan.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.DicomWriter;

/** Test helpers that change one attribute of a data set, at the top level or inside every item of a sequence. */
public final class Mutations {

    private Mutations() {
    }

    /** The data set with every item of the top-level sequence {@code tag} changed by {@code edit}. */
    public static DataSet items(DataSet ds, int tag, UnaryOperator<DataSet.Builder> edit) {
        List<DataSet> changed = new ArrayList<>();
        for (DataSet item : ds.sequence(tag)) {
            changed.add(edit.apply(item.toBuilder()).build());
        }
        return ds.toBuilder().sequence(tag, changed).build();
    }

    /** Encodes and reads back, as a file named {@code name} would be read. */
    public static DataSet roundTrip(DataSet ds, String name) {
        return DicomReader.parse(DicomWriter.encode(ds), name).dataSet();
    }
}
