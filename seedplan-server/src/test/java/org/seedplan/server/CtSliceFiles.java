package org.seedplan.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;

/** Writes a CT series' slices as Part 10 files CT0.dcm, CT1.dcm … into a folder, for a test to import or upload. */
public final class CtSliceFiles {

    private CtSliceFiles() {
    }

    /** Writes {@code slices} into {@code dir} (created if missing) and adds each file, in slice order, to {@code files}. */
    public static void write(List<DataSet> slices, Path dir, List<Path> files) throws IOException {
        Files.createDirectories(dir);
        for (int k = 0; k < slices.size(); k++) {
            Path f = dir.resolve("CT" + k + ".dcm");
            Files.write(f, DicomWriter.encode(slices.get(k)));
            files.add(f);
        }
    }
}
